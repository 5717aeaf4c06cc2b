/**
 * Request-record kinds and statuses are data codes: shown in the user's language when known, as
 * stored when not. Through both renderers in English (where the stored Chinese code used to leak).
 */
import assert from 'node:assert/strict';
import { translator } from '../../src/i18n';
import { recordKindText, recordStatusText } from '../../src/views/recordWords';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { runConversation, type Channel } from '../helpers/bothChannels';

describe('Request-record kinds and statuses in the user\'s language', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  for (const channel of ['teams', 'wechat'] as Channel[]) {
    it(`shows known codes in English (${channel})`, async () => {
      const t = translator('en-US');
      await runConversation(bot, channel, USERS.admin, 'en-US', [
        {
          say: t('commands.records.example'),
          see: [t('records.kinds.invoice'), t('records.statuses.rejected'), t('records.statuses.done')],
          notSee: ['已驳回', '已完成', '发票申请', '资料变更'],
        },
      ]);
    });
  }

  it('shows the same codes as the Chinese words, and an unknown code literally', () => {
    const zh = translator('zh-CN');
    const en = translator('en-US');
    assert.equal(recordStatusText(zh, '已驳回'), '已驳回');
    assert.equal(recordStatusText(en, '已驳回'), 'Rejected');
    assert.equal(recordKindText(en, '资料变更'), 'Profile change');
    assert.equal(recordKindText(en, '年检材料'), '年检材料');
    assert.equal(recordStatusText(en, 'toString'), 'toString', 'a code that is an object property is still unknown');
  });
});
