import assert from 'node:assert/strict';
import { translator } from '../../src/i18n';
import { BotUnderTest, hasAction } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { escapeRegExp } from '../helpers/text';

for (const locale of ['en-US', 'zh-CN'] as const) {
  describe(`AAD accounts dialog (${locale})`, () => {
    const t = translator(locale);
    const see = (text: string) => new RegExp(escapeRegExp(text));
    let bot: BotUnderTest;
    beforeEach(async () => (bot = await BotUnderTest.start()));
    afterEach(async () => bot.stop());

    it('lists the accounts with roles and marks the caller', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say(locale === 'en-US' ? 'accounts' : '账号');
      const text = chat.lastCardText();
      assert.match(text, see(t('accounts.you', { name: 'Alex Wilber' })));
      assert.match(text, /zhang\.wei@yunfan\.partner\.onmschina\.cn/);
      assert.match(text, see(t('roles.admin')));
      assert.match(text, see(t('roles.member')));
    });

    it('lets an admin add a user, refusing a bad UPN by its field first', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('accounts');
      await chat.click(t('accounts.add'));
      await chat.click(t('accounts.addSubmit'), { upn: 'not-an-email', displayName: '新同事', role: 'member' });
      assert.match(chat.lastCardText(), see(t('validation.emailNoAt')));
      assert.equal((await bot.publisher('contoso-cn')).aadAccounts.length, 4);

      await chat.click(t('accounts.addSubmit'), { upn: 'New.Colleague@Yunfan.partner.onmschina.cn', displayName: '新同事', role: 'admin' });
      const added = (await bot.publisher('contoso-cn')).aadAccounts.at(-1);
      assert.deepEqual(added, { upn: 'new.colleague@yunfan.partner.onmschina.cn', displayName: '新同事', role: 'admin' });
      assert.match(chat.lastCardText(), see('new.colleague@yunfan.partner.onmschina.cn'));
    });

    it('removes another user only after confirmation, with a receipt', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('accounts');
      await chat.submit({ verb: 'account.remove', upn: 'zhang.wei@yunfan.partner.onmschina.cn', v: 1 });
      assert.match(chat.lastCardText(), see(t('accounts.removeWarning')));
      assert.equal((await bot.publisher('contoso-cn')).aadAccounts.length, 4);
      await chat.click(t('accounts.removeConfirm'));
      assert.match(chat.lastCardText(), see(t('receipt.title')));
      assert.ok(!(await bot.publisher('contoso-cn')).aadAccounts.some((a) => a.upn.startsWith('zhang.wei')));
    });

    it('asks twice before an admin removes their own account', async () => {
      const home = await bot.store.publishers.get('contoso-cn');
      // A second admin, so that removing oneself is allowed at all.
      await bot.store.publishers.put({ ...home!.publisher, aadAccounts: home!.publisher.aadAccounts.map((a) => (a.upn.startsWith('zhang') ? { ...a, role: 'admin' as const } : a)) }, home!.version);
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('accounts');
      await chat.submit({ verb: 'account.remove', upn: 'alexw@example.com', v: 2 });
      assert.match(chat.lastCardText(), see(t('accounts.removeSelfWarning')));
      await chat.click(t('actions.continue'));
      assert.match(chat.lastCardText(), see(t('accounts.removeSelfFinal')));
      assert.ok((await bot.publisher('contoso-cn')).aadAccounts.some((a) => a.upn === 'alexw@example.com'), 'still there after the first confirmation');
      await chat.click(t('accounts.removeConfirm'));
      assert.ok(!(await bot.publisher('contoso-cn')).aadAccounts.some((a) => a.upn === 'alexw@example.com'));
      await chat.say('menu');
      assert.match(chat.lastCardText(), see(t('access.denied')), 'the removed user has no access any more');
    });

    it('never removes the last admin: no button, and a forged removal is refused', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('accounts');
      const card = JSON.stringify(chat.lastCard());
      assert.ok(!card.includes('"upn":"alexw@example.com"'), 'no remove button for the only admin');
      await chat.submit({ verb: 'account.remove.execute', upn: 'alexw@example.com', v: 1 });
      assert.match(chat.lastCardText(), see(t('errors.E-LAST-ADMIN')));
      assert.equal((await bot.publisher('contoso-cn')).aadAccounts.length, 4);
    });

    it('lets a member view but not add or remove, even with forged payloads', async () => {
      const chat = bot.chat(USERS.member, locale);
      await chat.say('accounts');
      assert.match(chat.lastCardText(), see(t('accounts.memberHint')));
      assert.ok(!hasAction(chat.lastCard(), t('accounts.add')));
      await chat.submit({ verb: 'account.add.save', upn: 'intruder@evil.example.com', role: 'admin', v: 1 });
      assert.match(chat.lastCardText(), see(t('errors.E-ADMIN-ONLY')));
      await chat.submit({ verb: 'account.remove.execute', upn: 'zhang.wei@yunfan.partner.onmschina.cn', v: 1 });
      assert.match(chat.lastCardText(), see(t('errors.E-ADMIN-ONLY')));
      assert.equal((await bot.publisher('contoso-cn')).aadAccounts.length, 4);
    });
  });
}
