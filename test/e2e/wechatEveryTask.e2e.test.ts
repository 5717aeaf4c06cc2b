/**
 * A WeChat admin performs every seed task in one scripted conversation, through the real server's
 * /wechat endpoint (signed XML over HTTP), in each language: contact information (edit, and remove a
 * contact with the typed word), AAD accounts (list, add, change a role, remove), an offer's customer
 * service (view, edit, delete with the typed word), a request record (view, delete), the export,
 * receipts, the privacy notice, and unlinking.
 */
import assert from 'node:assert/strict';
import { translator, type Locale } from '../../src/i18n';
import { runWechatConversation, type Step } from '../helpers/bothChannels';
import { RunningServer } from '../helpers/server';
import { bindingCode, newOpenid, wechatEnv, wechatPeer } from '../helpers/wechat';

const NEW_UPN = 'new.colleague@yunfan.partner.onmschina.cn';

function everyTask(locale: Locale): Step[] {
  const t = translator(locale);
  const menu: Step = { say: t('commands.menu.example'), see: [t('menu.prompt')] };
  return [
    menu,
    // Contact information: view, then correct the company name.
    { choose: t('menu.contact'), see: [t('contact.title'), '王晓明'] },
    { choose: t('contact.edit') },
    { fill: [{ id: 'companyName', label: t('fields.companyName'), value: '上海云帆信息技术股份有限公司' }], submit: t('actions.save'), part: t('contact.companyGroup'), see: ['上海云帆信息技术股份有限公司'] },
    // Remove the second contact: its own action, confirmed with the typed word, with a receipt.
    { choose: t('contact.remove'), under: t('contact.heading', { n: 2 }), see: [t('contact.removeWarning'), '李娜'] },
    { confirm: t('contact.removeConfirm'), see: [t('receipt.title'), t('receipt.categories.contact')] },
    { choose: t('contact.back'), see: ['王晓明'], notSee: ['李娜'] },
    // AAD accounts: list, add, change a role, remove (typed confirmation).
    { say: t('commands.accounts.example'), see: [t('accounts.adminHint'), t('accounts.you', { name: 'Alex Wilber' })] },
    { choose: t('accounts.add') },
    {
      fill: [
        { id: 'upn', label: t('fields.upn'), value: NEW_UPN },
        { id: 'displayName', label: t('fields.displayName'), value: '新同事' },
        { id: 'role', label: t('fields.role'), value: 'member' },
      ],
      submit: t('accounts.addSubmit'),
      see: [NEW_UPN],
    },
    { choose: t('accounts.changeRole'), under: '新同事', see: [t('accounts.roleTitle')] },
    { choose: t('accounts.makeAdmin'), see: [t('accounts.roleChanged', { name: '新同事', role: t('roles.admin') })] },
    { choose: t('actions.remove'), under: '新同事', see: [t('accounts.removeWarning')] },
    { confirm: t('accounts.removeConfirm'), see: [t('receipt.title')] },
    // Offers: view and edit one's customer service, delete another (typed confirmation).
    { say: t('commands.offers.example'), see: ['云帆备份服务器'] },
    { choose: t('actions.view'), under: '云帆备份服务器', see: ['云帆客服中心'] },
    { choose: t('offers.edit') },
    { fill: [{ id: 'name', label: t('fields.cs.name'), value: '云帆客服热线' }], submit: t('actions.save'), see: ['云帆客服热线'] },
    { say: t('commands.offers.example') },
    { choose: t('actions.delete'), under: '云帆托管数据库', see: [t('offers.deleteConfirm')] },
    { confirm: t('offers.deleteConfirm'), see: [t('receipt.title')] },
    { say: t('commands.offers.example'), notSee: ['云帆托管数据库'] },
    // Request records: view one, delete it (typed confirmation).
    { say: t('commands.records.example'), see: [`▪ ${t('records.kinds.profileChange')}`] },
    { choose: t('actions.view'), under: t('records.kinds.profileChange'), see: ['更新公司联系人电话', 'req-20240312-001'] },
    { choose: t('records.delete') },
    { confirm: t('records.deleteConfirm'), see: [t('receipt.title')] },
    { say: t('commands.records.example'), see: [`▪ ${t('records.kinds.invoice')}`], notSee: [`▪ ${t('records.kinds.profileChange')}`] },
    // Export, receipts and the privacy notice.
    { say: t('commands.export.example'), see: [t('export.title'), t('export.counts.offers'), t('export.noDownload')] },
    { say: t('commands.receipts.example'), see: [t('receipts.title')] },
    { say: t('commands.privacy.example'), see: [t('privacy.title')] },
    // The menu's WeChat entry: the binding, and unlinking it.
    menu,
    { choose: t('menu.wechat'), see: [t('wechatLink.title'), t('wechatLink.since')] },
    { choose: t('wechatLink.unbind') },
    { say: t('commands.menu.example'), see: [t('wechat.notBound')] },
  ];
}

for (const locale of ['zh-CN', 'en-US'] as const) {
  describe(`WeChat admin does every task through the real server (${locale})`, function () {
    this.timeout(120_000);
    let server: RunningServer;
    before(async () => (server = await RunningServer.start(wechatEnv('plain'))));
    after(async () => server.stop());

    it('contact info (edit, remove a contact), accounts (add, role, remove), offers (view, edit, delete), records, export, receipts, privacy, unlink', async () => {
      const t = translator(locale);
      const peer = wechatPeer(server, 'plain');
      const openid = newOpenid();
      const send = async (text: string): Promise<string> => (await peer.sendText(openid, text)).text;
      // Linking with the locale's word: the bot answers in that language from then on.
      const linked = await send(`${t('wechat.bindWords').split('|')[0]!} ${await bindingCode(server)}`);
      assert.ok(linked.includes(t('wechat.bound', { company: '\u0000' }).split('\u0000')[0]!), linked);
      await runWechatConversation(send, locale, everyTask(locale));
    });
  });
}
