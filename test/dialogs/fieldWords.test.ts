/**
 * Words a publisher understands: the notice after a save and the audit trail name the offer and the
 * account by name and the field as its form labels it — never a path (`offers[0].customerService.qq`),
 * an index ("产品 1", "AAD account 3") or a dotted field name. Both renderers, both languages.
 */
import assert from 'node:assert/strict';
import { translator, type Locale } from '../../src/i18n';
import { describeField } from '../../src/views/fieldNames';
import { demoPublisher } from '../../src/demo/demoPublisher';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { runConversation, type Channel } from '../helpers/bothChannels';

// A path's marks: a bracketed position or key, or a dotted field name (the data shown beside it has
// e-mails and links, so dotted names are looked for on the lines that name fields).
const PATH_LIKE = /\[[\w-]*\]|\b(?:offers|contacts|aadAccounts|requestRecords)\b[[.]|customerService/;
const DOTTED_NAME = /\b[a-z]+[A-Z]\w*\.[a-z]\w*\b|\b[a-z]+\.[a-z]+[A-Z]\w*\b/;
const OFFER = '云帆备份服务器';

describe('Changed fields in words a publisher understands', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  for (const channel of ['teams', 'wechat'] as Channel[]) {
    for (const locale of ['zh-CN', 'en-US'] as Locale[]) {
      it(`names the offer and the field after a save and in the audit trail (${channel}, ${locale})`, async () => {
        const t = translator(locale);
        const named = `${OFFER} · ${t('fields.cs.qq')}`;
        const seen = await runConversation(bot, channel, USERS.admin, locale, [
          { say: t('commands.offers.example') },
          { choose: t('actions.view'), under: OFFER },
          { choose: t('offers.edit') },
          { fill: [{ id: 'qq', label: t('fields.cs.qq'), value: '987654321' }], submit: t('actions.save'), see: [t('common.saved', { fields: named })] },
          { say: t('commands.audit.example'), see: [named] },
        ]);
        for (const text of seen.slice(-2)) {
          assert.doesNotMatch(text, PATH_LIKE);
          for (const line of text.split('\n').filter((l) => l.includes(named))) assert.doesNotMatch(line, DOTTED_NAME);
        }
        assert.ok(!seen.at(-2)!.includes(`${t('fields.offers')} 1`), 'no offer by its position');
      });
    }
  }

  it('names an added account by its name, not its position (both renderers)', async () => {
    for (const channel of ['teams', 'wechat'] as Channel[]) {
      const t = translator('en-US');
      const upn = `${channel}.colleague@yunfan.partner.onmschina.cn`;
      const [, , saved] = await runConversation(bot, channel, USERS.admin, 'en-US', [
        { say: t('commands.accounts.example') },
        { choose: t('accounts.add') },
        {
          fill: [
            { id: 'upn', label: t('fields.upn'), value: upn },
            { id: 'displayName', label: t('fields.displayName'), value: `New ${channel}` },
            { id: 'role', label: t('fields.role'), value: 'member' },
          ],
          submit: t('accounts.addSubmit'),
        },
      ]);
      assert.ok(saved!.includes(t('common.saved', { fields: `New ${channel}` })), `${channel}: ${saved}`);
      assert.doesNotMatch(saved!, new RegExp(`${t('fields.aadAccounts')} \\d`));
    }
  });

  it('describes paths of old audit entries without positions that may have moved', () => {
    const t = translator('zh-CN');
    const names = { publisher: demoPublisher, positionsCurrent: false };
    assert.equal(describeField(t, `offers[${demoPublisher.offers[0]!.id}].customerService.qq`, names), `${demoPublisher.offers[0]!.name} · 客服 QQ`);
    assert.equal(describeField(t, 'offers[gone-offer].customerService.name', names), '产品 gone-offer · 客服名称');
    assert.equal(describeField(t, 'contacts[1].phone', names), '联系人 · 电话');
    assert.equal(describeField(t, 'contacts[1].phone', { publisher: demoPublisher, positionsCurrent: true }), `${demoPublisher.contacts[1]!.name} · 电话`);
    assert.equal(describeField(t, 'aadAccounts[3]', names), 'AAD 账号');
    assert.equal(describeField(t, 'companyName', names), '公司名称');
  });
});
