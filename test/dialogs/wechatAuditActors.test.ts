/** The audit trail tells bound WeChat users apart: by the account that vouched for the binding. */
import assert from 'node:assert/strict';
import { translator, type Locale } from '../../src/i18n';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { runConversation, type Channel } from '../helpers/bothChannels';

describe('WeChat users in the audit trail', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  for (const [channel, locale] of [['wechat', 'zh-CN'], ['wechat', 'en-US'], ['teams', 'zh-CN']] as [Channel, Locale][]) {
    it(`names who vouched for each bound WeChat user (${channel}, ${locale})`, async () => {
      const t = translator(locale);
      const voucher = (await bot.publisher('contoso-cn')).aadAccounts.find((a) => a.objectId === USERS.admin.objectId);
      assert.ok(voucher, 'the admin is listed');
      // Binding a WeChat account through the admin's code writes an audit line by that WeChat user.
      await runConversation(bot, 'wechat', USERS.admin, locale, [{ say: t('commands.menu.example') }]);
      const [audit] = await runConversation(bot, channel, USERS.admin, locale, [
        { say: t('commands.audit.example'), see: [t('audit.wechatUserVouched', { name: voucher.displayName ?? voucher.upn })], notSee: [t('audit.wechatUser')] },
      ]);
      assert.ok(audit);
    });
  }
});
