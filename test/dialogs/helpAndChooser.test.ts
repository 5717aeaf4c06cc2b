/**
 * The help lists unbinding (a link word, not a task) on both renderers, by a word that really
 * unbinds; the publisher chooser speaks of "more than one publisher" only when there is.
 */
import assert from 'node:assert/strict';
import { translator, type Locale } from '../../src/i18n';
import { isWord } from '../../src/wechat/words';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { runConversation, type Channel } from '../helpers/bothChannels';

describe('Help and the publisher chooser', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  for (const channel of ['teams', 'wechat'] as Channel[]) {
    for (const locale of ['zh-CN', 'en-US'] as Locale[]) {
      const t = translator(locale);
      it(`help lists ${t('help.unbindLabel')}, and a one-publisher user is not asked to choose (${channel}, ${locale})`, async () => {
        assert.ok(isWord(t('help.unbindLabel'), 'wechat.unbindWords'), 'the word the help names unbinds');
        await runConversation(bot, channel, USERS.admin, locale, [
          { say: t('commands.help.example'), see: [t('help.unbindLabel'), t('help.unbindDescription')] },
          { say: t('commands.switch.example'), see: [t('publisher.onlyOne', { company: '上海云帆信息技术有限公司' })], notSee: [t('publisher.choosePrompt')] },
        ]);
      });
    }
  }

  it('a user of two publishers is asked which (Teams)', async () => {
    const t = translator('zh-CN');
    await runConversation(bot, 'teams', USERS.both, 'zh-CN', [{ say: t('commands.switch.example'), see: [t('publisher.choosePrompt')] }]);
  });
});
