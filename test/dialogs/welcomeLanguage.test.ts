/**
 * The welcome tells a user of the other language how to switch: on Teams the `language` command and
 * its chooser, on WeChat a command word of that language (WeChat picks the language from the words
 * typed). Each test follows the welcome's own words and checks that they do what they say.
 */
import assert from 'node:assert/strict';
import { translator, type Locale } from '../../src/i18n';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { runConversation, STRANGER } from '../helpers/bothChannels';

const OTHER: Record<Locale, Locale> = { 'en-US': 'zh-CN', 'zh-CN': 'en-US' };

/** The quoted words of a sentence, in order ("x" or “x”). */
function quoted(sentence: string): string[] {
  return [...sentence.matchAll(/["“]([^"”]+)["”]/g)].map((match) => match[1]!);
}

describe('The welcome says truly how to switch language', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  for (const locale of ['en-US', 'zh-CN'] as const) {
    const t = translator(locale);
    const other = translator(OTHER[locale]);

    it(`Teams (${locale}): the welcome card's command and choice switch to the other language`, async () => {
      const chat = bot.chat(USERS.admin, locale);
      const replies = await chat.deliverRaw({ type: 'conversationUpdate', membersAdded: [{ id: `29:${USERS.admin.objectId}`, name: USERS.admin.name }] });
      assert.ok(JSON.stringify(replies).includes(JSON.stringify(t('welcome.start')).slice(1, -1)), 'the welcome card carries the sentence');
      // The sentence's last two quotations are the command to type and the choice to pick.
      const [command, choice] = quoted(t('welcome.start')).slice(-2);
      await runConversation(bot, 'teams', USERS.admin, locale, [
        { say: command!, see: [t('language.prompt')] },
        { choose: choice!, see: [other('language.changed')] },
      ]);
    });

    it(`WeChat (${locale}): the word the welcome names answers a stranger in the other language`, async () => {
      const word = quoted(t('wechat.welcome')).at(-1)!;
      await runConversation(bot, 'wechat', STRANGER, locale, [{ say: word, see: [other('wechat.notBound')] }]);
    });

    it(`WeChat (${locale}): a bound user who types that word is answered in the other language from then on`, async () => {
      const word = quoted(t('wechat.welcome')).at(-1)!;
      await runConversation(bot, 'wechat', USERS.admin, locale, [
        { say: word, see: [other('help.title')] },
        { say: '？？', see: [other('common.notUnderstood')] },
      ]);
    });
  }
});
