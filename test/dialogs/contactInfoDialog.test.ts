import assert from 'node:assert/strict';
import { translator } from '../../src/i18n';
import { BotUnderTest, inputValues } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { escapeRegExp } from '../helpers/text';

for (const [locale, words] of [
  ['en-US', { menuTitle: 'Publisher Privacy Assistant', contact: 'Contact information', edit: 'Edit', save: 'Save' }],
  ['zh-CN', { menuTitle: '服务商隐私助手', contact: '联系信息', edit: '修改', save: '保存' }],
] as const) {
  describe(`Contact information dialog (${locale})`, () => {
    const t = translator(locale);
    let bot: BotUnderTest;
    beforeEach(async () => (bot = await BotUnderTest.start()));
    afterEach(async () => bot.stop());

    it('shows the company and every contact from the menu', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say(locale === 'en-US' ? 'menu' : '菜单');
      assert.match(chat.lastCardText(), new RegExp(words.menuTitle));
      await chat.click(words.contact);
      const text = chat.lastCardText();
      assert.match(text, /上海云帆信息技术有限公司/);
      assert.match(text, /王晓明/);
      assert.match(text, /li\.na@yunfan\.example\.cn/);
      assert.match(text, /021-61234567-808/);
    });

    it('refuses a bad phone by its field, in the user language, and saves nothing', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say(locale === 'en-US' ? 'contact' : '联系信息');
      await chat.click(words.edit);
      const before = await bot.publisher('contoso-cn');
      await chat.click(words.save, { 'contact.0.phone': '12345' });
      const text = chat.lastCardText();
      // It says why: five digits typed where a mobile number has eleven.
      assert.match(text, new RegExp(escapeRegExp(t('validation.phoneMobileLength', { digits: 5 }))));
      assert.match(text, new RegExp(escapeRegExp(t('errors.E-VALIDATION'))));
      assert.deepEqual(await bot.publisher('contoso-cn'), before);
    });

    it('saves a good phone in canonical form and names the changed field, not its value', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('contact');
      await chat.click(words.edit);
      await chat.click(words.save, { 'contact.0.phone': '139 1234 5678' });
      const notice = chat.lastCardText();
      assert.match(notice, new RegExp(escapeRegExp(t('fields.phone'))));
      const saved = await bot.publisher('contoso-cn');
      assert.equal(saved.contacts[0]?.phone, '+8613912345678');
      assert.match(notice, /\+8613912345678/, 'the refreshed card shows the new value in the contact list');
      const entries = await bot.store.audit.list('contoso-cn');
      assert.deepEqual(entries[0]?.fields, ['contacts[0].phone']);
      assert.doesNotMatch(JSON.stringify(entries), /13912345678/);
    });

    it('saves full-width input as typed by a Chinese IME, in its plain spelling', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('contact');
      await chat.click(words.edit);
      await chat.click(words.save, { 'contact.0.phone': '１３９ １２３４ ５６７８', 'contact.0.email': 'Ｗａｎｇ＠ｙｕｎｆａｎ．ｅｘａｍｐｌｅ．ｃｎ' });
      const saved = (await bot.publisher('contoso-cn')).contacts[0];
      assert.deepEqual([saved?.phone, saved?.email], ['+8613912345678', 'wang@yunfan.example.cn']);
    });

    it('saves a name that is only a phone number, with a warning that asks to check it', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('contact');
      await chat.click(words.edit);
      await chat.click(words.save, { 'contact.0.name': '13912345678' });
      assert.equal((await bot.publisher('contoso-cn')).contacts[0]?.name, '13912345678');
      assert.match(chat.lastCardText(), new RegExp(escapeRegExp(t('warnings.nameLooksLikeNumber'))));
    });

    it('adds a contact from the blank row, as an update without a receipt', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('contact');
      await chat.click(words.edit);
      await chat.click(words.save, { 'contact.2.name': '孙悦', 'contact.2.phone': '0755-88888888', 'contact.2.email': 'Sun.Yue@Yunfan.example.cn' });
      const contacts = (await bot.publisher('contoso-cn')).contacts;
      assert.deepEqual(contacts.map((c) => c.name), ['王晓明', '李娜', '孙悦']);
      assert.equal(contacts[2]?.email, 'sun.yue@yunfan.example.cn');
      const [entry] = await bot.store.audit.list('contoso-cn');
      assert.equal(entry?.action, 'contactInfo.update');
      assert.equal(entry?.receiptId, undefined);
    });

    it('refuses a stored contact whose fields were cleared, pointing to "Remove contact", and keeps what was typed', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('contact');
      await chat.click(words.edit);
      const before = await bot.publisher('contoso-cn');
      await chat.click(words.save, {
        'contact.0.phone': '139 1234 5678',
        'contact.1.name': '', 'contact.1.phone': '', 'contact.1.email': '',
        'contact.2.name': '孙悦', 'contact.2.phone': '0755-88888888', 'contact.2.email': 'sun.yue@yunfan.example.cn',
      });
      const text = chat.lastCardText();
      assert.match(text, new RegExp(escapeRegExp(t('validation.contactBlank'))));
      assert.match(text, new RegExp(escapeRegExp(t('contact.remove'))), 'the message names the action that removes a contact');
      assert.match(text, new RegExp(escapeRegExp(t('errors.E-VALIDATION'))));
      const inputs = inputValues(chat.lastCard());
      assert.deepEqual([inputs['contact.0.phone'], inputs['contact.1.name'], inputs['contact.2.name']], ['139 1234 5678', '', '孙悦'], 'nothing typed is lost');
      assert.deepEqual(await bot.publisher('contoso-cn'), before, 'nothing was saved, nothing removed');
      assert.deepEqual((await bot.store.audit.list('contoso-cn')).filter((e) => e.receiptId), []);
    });

    it('refuses clearing every contact the same way: an edit never removes one', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('contact');
      await chat.click(words.edit);
      const cleared = Object.fromEntries([0, 1].flatMap((row) => ['name', 'phone', 'email'].map((f) => [`contact.${row}.${f}`, ''])));
      await chat.click(words.save, cleared);
      assert.match(chat.lastCardText(), new RegExp(escapeRegExp(t('validation.contactBlank'))));
      assert.equal((await bot.publisher('contoso-cn')).contacts.length, 2);
    });

    it('marks the stored contacts\' fields required in the form, and leaves the new row optional', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('contact');
      await chat.click(words.edit);
      const inputs = JSON.stringify(chat.lastCard());
      const required = [...inputs.matchAll(/"id":"(contact\.\d\.\w+)"[^}]*?"isRequired":true/g)].map((m) => m[1]);
      assert.deepEqual(required, ['contact.0.name', 'contact.0.phone', 'contact.0.email', 'contact.1.name', 'contact.1.phone', 'contact.1.email']);
    });

    it('treats a new name on a stored contact as a correction: no receipt, and no contact removed', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('contact');
      await chat.click(words.edit);
      await chat.click(words.save, { 'contact.1.name': '李娜娜', 'contact.1.phone': '0755-88888888', 'contact.1.email': 'li.nana@yunfan.example.cn' });
      const contacts = (await bot.publisher('contoso-cn')).contacts;
      assert.deepEqual(contacts.map((c) => c.name), ['王晓明', '李娜娜']);
      const [entry] = await bot.store.audit.list('contoso-cn');
      assert.equal(entry?.action, 'contactInfo.update');
      assert.equal(entry?.receiptId, undefined, 'a correction has no erasure receipt');
      assert.ok(!chat.lastCardText().includes(t('receipt.issued', { receiptId: '\u0000' }).split('\u0000')[0]!), 'the saved notice names no receipt');
    });

    it('applies a double submit once and says so the second time', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('contact');
      await chat.click(words.edit);
      const form = chat.lastCard();
      await chat.click(words.save, { companyName: '上海云帆科技有限公司' });
      const versionAfterFirst = (await bot.store.publishers.get('contoso-cn'))?.version;
      // The same click again, from the same (old) card.
      chat.transcript.push({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: form }] });
      await chat.click(words.save, { companyName: '上海云帆科技有限公司' });
      assert.match(chat.lastCardText(), new RegExp(escapeRegExp(t('common.alreadyApplied'))));
      assert.equal((await bot.store.publishers.get('contoso-cn'))?.version, versionAfterFirst);
      assert.equal((await bot.store.audit.list('contoso-cn')).filter((e) => e.action === 'contactInfo.update').length, 1);
    });

    it("saves my contact form although a colleague edited an offer meanwhile (a change elsewhere is not stale)", async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('contact');
      await chat.click(words.edit);
      const offer = (await bot.publisher('contoso-cn')).offers[0]!;
      const stored = await bot.store.publishers.get('contoso-cn');
      await bot.store.publishers.put({ ...stored!.publisher, offers: stored!.publisher.offers.map((o) => (o.id === offer.id ? { ...o, customerService: { ...o.customerService, qq: '123456789' } } : o)) }, stored!.version);
      await chat.click(words.save, { 'contact.0.phone': '139 1234 5678' });
      assert.doesNotMatch(chat.lastCardText(), new RegExp(escapeRegExp(t('stale.formChanged'))));
      const saved = await bot.publisher('contoso-cn');
      assert.equal(saved.contacts[0]?.phone, '+8613912345678');
      assert.equal(saved.offers[0]?.customerService.qq, '123456789', "the colleague's change is kept too");
    });

    it('shows a really stale form again with what I typed, the changed field marked with the new value, and saves it in one more click', async () => {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('contact');
      await chat.click(words.edit);
      const staleForm = chat.lastCard();
      // A colleague changes contact 2's name meanwhile.
      const other = bot.chat(USERS.admin, locale);
      await other.say('contact');
      await other.click(words.edit);
      await other.click(words.save, { 'contact.1.name': '李娜娜' });
      chat.transcript.push({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: staleForm }] });
      await chat.click(words.save, { 'contact.0.phone': '139 1234 5678' });
      const text = chat.lastCardText();
      assert.match(text, new RegExp(escapeRegExp(t('stale.formChanged'))));
      assert.match(text, new RegExp(escapeRegExp(t('stale.fieldChanged', { value: '李娜娜' }))));
      assert.equal((text.match(new RegExp(escapeRegExp(t('stale.fieldChanged', { value: '' }).replace(/\s*$/, '')), 'g')) ?? []).length, 1, 'only the field changed meanwhile is marked');
      const inputs = inputValues(chat.lastCard());
      assert.equal(inputs['contact.0.phone'], '139 1234 5678', 'my typed phone is still in the form');
      assert.equal(inputs['contact.1.name'], '李娜', 'the form keeps what I submitted for the changed field');
      assert.deepEqual((await bot.publisher('contoso-cn')).contacts.map((c) => c.name), ['王晓明', '李娜娜'], 'nothing of mine was written');
      // One more click saves my phone; the changed field now carries the colleague's value if I take it.
      await chat.click(words.save, { 'contact.1.name': '李娜娜' });
      const saved = await bot.publisher('contoso-cn');
      assert.equal(saved.contacts[0]?.phone, '+8613912345678');
      assert.equal(saved.contacts[1]?.name, '李娜娜');
    });
  });
}
