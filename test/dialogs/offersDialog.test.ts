import assert from 'node:assert/strict';
import { translator } from '../../src/i18n';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { escapeRegExp } from '../helpers/text';

for (const locale of ['en-US', 'zh-CN'] as const) {
  describe(`Offers dialog (${locale})`, () => {
    const t = translator(locale);
    let bot: BotUnderTest;
    beforeEach(async () => (bot = await BotUnderTest.start()));
    afterEach(async () => bot.stop());

    async function openOffer(name: string) {
      const chat = bot.chat(USERS.admin, locale);
      await chat.say(locale === 'en-US' ? 'offers' : '产品');
      assert.match(chat.lastCardText(), new RegExp(escapeRegExp(t('offers.title'))));
      const card = chat.lastCard();
      const section = JSON.stringify(card).indexOf(name);
      assert.ok(section > 0, `the list shows ${name}`);
      const data = { verb: 'offer.view', offerId: 'yunfan-k8s-template', v: 1 };
      await chat.submit(data);
      return chat;
    }

    it('lists the offers and shows one offer with all its customer-service fields', async () => {
      const chat = await openOffer('云帆容器平台模板');
      const text = chat.lastCardText();
      for (const value of ['赵磊', '+8613912345678', 'zhao.lei@yunfan.example.cn', '1234567890', 'zhaolei-yf', '云帆技术支持']) assert.match(text, new RegExp(escapeRegExp(value)));
      for (const field of ['qq', 'wechat', 'weibo'] as const) assert.match(text, new RegExp(escapeRegExp(t(`fields.cs.${field}`))));
    });

    it('refuses a bad QQ by its field and saves nothing, then saves a good edit', async () => {
      const chat = await openOffer('云帆容器平台模板');
      await chat.click(t('offers.edit'));
      const before = await bot.publisher('contoso-cn');
      await chat.click(t('actions.save'), { qq: '0123' });
      assert.match(chat.lastCardText(), new RegExp(escapeRegExp(t('validation.qqLeadingZero', { digits: 4 }))));
      assert.deepEqual(await bot.publisher('contoso-cn'), before);

      await chat.click(t('actions.save'), { qq: '55556666', wechat: '', weibo: 'https://weibo.com/u/1234567890' });
      const offer = (await bot.publisher('contoso-cn')).offers.find((o) => o.id === 'yunfan-k8s-template');
      assert.equal(offer?.customerService.qq, '55556666');
      assert.equal(offer?.customerService.wechat, undefined);
      assert.match(chat.lastCardText(), new RegExp(escapeRegExp(t('common.saved', { fields: '' }).slice(0, 3))));
    });

    it('shows exactly what will be deleted, deletes after confirmation and gives a receipt without values', async () => {
      const chat = await openOffer('云帆容器平台模板');
      await chat.click(t('offers.delete'));
      const confirm = chat.lastCardText();
      assert.match(confirm, new RegExp(escapeRegExp(t('offers.deleteWarning'))));
      for (const value of ['云帆容器平台模板', 'yunfan-k8s-template', '赵磊', '+8613912345678', 'zhao.lei@yunfan.example.cn', '1234567890', 'zhaolei-yf', '云帆技术支持']) {
        assert.match(confirm, new RegExp(escapeRegExp(value)), `the confirmation shows ${value}`);
      }
      assert.equal((await bot.publisher('contoso-cn')).offers.length, 3, 'nothing is deleted before confirmation');

      await chat.click(t('offers.deleteConfirm'));
      const receipt = chat.lastCardText();
      assert.match(receipt, new RegExp(escapeRegExp(t('receipt.title'))));
      for (const value of ['赵磊', '+8613912345678', 'zhaolei-yf']) assert.doesNotMatch(receipt, new RegExp(escapeRegExp(value)));
      const offers = (await bot.publisher('contoso-cn')).offers;
      assert.deepEqual(offers.map((o) => o.id), ['yunfan-backup-vm', 'yunfan-managed-db']);
      const [entry] = await bot.store.audit.list('contoso-cn');
      assert.equal(entry?.action, 'offer.delete');
      assert.ok(entry?.receiptId);
    });

    it('deletes once when the confirmation is clicked twice (invoke path)', async () => {
      const chat = await openOffer('云帆容器平台模板');
      await chat.click(t('offers.delete'), {}, { invoke: true });
      const confirmCard = chat.lastCard();
      await chat.click(t('offers.deleteConfirm'), {}, { invoke: true });
      assert.equal(chat.lastInvokeResponse?.status, 200);
      chat.transcript.push({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: confirmCard }] });
      await chat.click(t('offers.deleteConfirm'), {}, { invoke: true });
      assert.match(chat.lastCardText(), new RegExp(escapeRegExp(t('common.alreadyApplied'))));
      const deletions = (await bot.store.audit.list('contoso-cn')).filter((e) => e.action === 'offer.delete');
      assert.equal(deletions.length, 1);
    });
  });
}
