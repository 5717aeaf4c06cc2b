/** The privacy dialog in both languages: past receipts, the audit trail (admins only), the rights notice. */
import assert from 'node:assert/strict';
import { offerVersion, recordVersion } from '../../src/domain/partVersions';
import { hashActor } from '../../src/audit/actorHash';
import { ANSWER_TTL_MS, DEDUPE_TTL_MS } from '../../src/wechat/wechatEndpoint';
import { translator } from '../../src/i18n';
import { CODE_TTL_MS } from '../../src/service/wechatBindings';
import { RIGHTS } from '../../src/views/privacyViews';
import { BotUnderTest } from '../helpers/chat';
import { USERS, homePublisher } from '../helpers/fixtures';
import { escapeRegExp } from '../helpers/text';

const COMMANDS = {
  'en-US': { receipts: 'receipts', audit: 'audit', privacy: 'privacy' },
  'zh-CN': { receipts: '删除回执', audit: '审计日志', privacy: '隐私' },
} as const;

for (const locale of ['en-US', 'zh-CN'] as const) {
  describe(`Privacy dialog (${locale})`, () => {
    const t = translator(locale);
    const command = COMMANDS[locale];
    const see = (text: string): RegExp => new RegExp(escapeRegExp(text));
    let bot: BotUnderTest;
    beforeEach(async () => (bot = await BotUnderTest.start()));
    afterEach(async () => bot.stop());

    describe(`"${command.receipts}"`, () => {
      it('says there are no receipts before any deletion', async () => {
        const chat = bot.chat(USERS.admin, locale);
        await chat.say(command.receipts);
        assert.match(chat.lastCardText(), see(t('receipts.title')));
        assert.match(chat.lastCardText(), see(t('receipts.none')));
      });

      it('lists the receipts of past deletions, newest first, with categories and counts but none of the deleted values', async () => {
        const chat = bot.chat(USERS.admin, locale);
        const record = homePublisher.requestRecords[0]!;
        const offer = homePublisher.offers[1]!;
        await chat.say(command.receipts);
        await chat.submit({ verb: 'record.delete.execute', recordId: record.id, v: recordVersion(record) });
        await chat.submit({ verb: 'offer.delete.execute', offerId: offer.id, v: offerVersion(offer) });
        const ids = (await bot.store.audit.list(homePublisher.id)).flatMap((entry) => (entry.receiptId ? [entry.receiptId] : []));
        assert.equal(ids.length, 2);

        await chat.say(command.receipts);
        const text = chat.lastCardText();
        assert.match(text, see(t('receipts.intro', { count: 2 })));
        assert.ok(text.indexOf(ids[0]!) >= 0 && text.indexOf(ids[0]!) < text.indexOf(ids[1]!), 'both receipts, the offer deletion first');
        for (const category of ['offer', 'customerService', 'requestRecord'] as const) assert.match(text, see(t(`receipt.categories.${category}`)));
        const deleted = [record.summary, offer.name, ...Object.values(offer.customerService)];
        assert.deepEqual(deleted.filter((value) => JSON.stringify(chat.lastCard()).includes(value)), []);
      });

      it('are shown to members too', async () => {
        await bot.chat(USERS.admin, locale).submit({ verb: 'record.delete.execute', recordId: homePublisher.requestRecords[0]!.id, v: recordVersion(homePublisher.requestRecords[0]) });
        const chat = bot.chat(USERS.member, locale);
        await chat.say(command.receipts);
        assert.match(chat.lastCardText(), see(t('receipts.intro', { count: 1 })));
      });
    });

    describe(`"${command.audit}"`, () => {
      it("shows the admin's own change by their display name, with the action's name in the user's language", async () => {
        const chat = bot.chat(USERS.admin, locale);
        await chat.say('export');
        await chat.say(command.audit);
        const text = chat.lastCardText();
        assert.match(text, see(t('audit.title')));
        assert.match(text, see(t('audit.actions.export')));
        assert.match(text, new RegExp(`${escapeRegExp(t('audit.who'))}\\nAlex Wilber`));
        assert.doesNotMatch(text, /aad:[0-9a-f]{32}/, 'no hashed id where a name is known');
      });

      it('names the operator, a WeChat user and a former member without showing their hashes', async () => {
        const at = new Date().toISOString();
        const entries = [
          { actor: 'operator', action: 'import' },
          { actor: hashActor('test-salt', 'wechat', 'oWechatUser'), action: 'wechat.bind' },
          { actor: hashActor('test-salt', 'aad', 'removed-oid'), action: 'contactInfo.update' },
        ];
        for (const entry of entries) await bot.store.audit.append({ at, publisherId: homePublisher.id, fields: [], ...entry });
        const chat = bot.chat(USERS.admin, locale);
        await chat.say(command.audit);
        const text = chat.lastCardText();
        for (const key of ['audit.operator', 'audit.wechatUser', 'audit.formerMember', 'audit.actions.import', 'audit.actions.wechat_bind']) assert.match(text, see(t(key)));
        assert.doesNotMatch(text, /(aad|wechat):[0-9a-f]{32}/);
      });

      it('is refused to a member: only administrators', async () => {
        const chat = bot.chat(USERS.member, locale);
        await chat.say(command.audit);
        assert.match(chat.lastCardText(), see(t('errors.E-ADMIN-ONLY')));
        assert.doesNotMatch(chat.lastCardText(), see(t('audit.title')));
      });
    });

    describe(`"${command.privacy}"`, () => {
      it('explains what is held, why, for how long and how to use each right, with the configured contact', async () => {
        const chat = bot.chat(USERS.member, locale);
        await chat.say(command.privacy);
        const text = chat.lastCardText();
        for (const key of ['privacy.title', 'privacy.heldHeading', 'privacy.whyHeading', 'privacy.purpose', 'privacy.retentionHeading', 'privacy.rightsHeading']) {
          assert.match(text, see(t(key)));
        }
        for (const right of RIGHTS) assert.match(text, see(t(`privacy.rights.${right}.how`)));
        assert.match(text, new RegExp(`${escapeRegExp(t('privacy.contactLabel'))}\\nprivacy@contoso\\.example`));
        assert.match(text, see(t('privacy.retention.conversationText', { minutes: 30 })));
        assert.match(text, locale === 'zh-CN' ? /闲置 30 分钟后自动删除/ : /Deleted after 30 minutes without activity/);
        assert.match(text, locale === 'zh-CN' ? /审计日志\n保留 3 年，/ : /Audit trail\n3 years\. /, 'audit entries: three years (1095 days)');
      });

      it('states the binding-code and dedupe limits the code enforces', () => {
        const codes = t('privacy.retention.codesText');
        const minutes = CODE_TTL_MS / 60_000;
        assert.equal(DEDUPE_TTL_MS, 3_600_000);
        assert.equal(ANSWER_TTL_MS, 60_000);
        assert.match(codes, locale === 'zh-CN' ? new RegExp(`绑定码 ${minutes} 分钟[\\s\\S]*1 小时[\\s\\S]*回复只保留 1 分钟`) : new RegExp(`${minutes} minutes for binding codes; one hour[\\s\\S]*reply is kept one minute`));
      });
    });
  });
}
