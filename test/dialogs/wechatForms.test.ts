/**
 * WeChat forms as step tables on the WeChat renderer, in both languages: each answer is checked when
 * it is given (with the service's schema) and asked again at once with the reason; one field of the
 * summary is edited by its number; a long contact form asks which contact first; "menu", "cancel"
 * and "help" (as an IME types them) interrupt a form or a typed confirmation and are never saved.
 */
import assert from 'node:assert/strict';
import { translator, type Locale, type Translate } from '../../src/i18n';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { runConversation, type Step } from '../helpers/bothChannels';

const HOME = 'contoso-cn';
const OFFER = '云帆备份服务器';

const ask = (t: Translate, key: string): string => t('wechat.formAsk', { label: t(key) });
const save = (t: Translate): string => t('wechat.saveWord').split('|')[0]!;
const draftHint = (t: Translate): string => t('wechat.formDraft', { title: t('offers.editTitle', { name: OFFER }), word: t('wechat.resumeWord').split('|')[0] });
const openOfferForm = (t: Translate): Step[] => [
  { say: t('commands.offers.example') },
  { choose: t('actions.view'), under: OFFER },
  { choose: t('offers.edit'), see: [ask(t, 'fields.cs.name'), t('wechat.formStep', { n: 1, total: 6 })] },
];
// A command word of the conversation's language as an IME types it: full-width letters, a trailing ！ or 。.
const typedWith = (t: Translate, command: string, ending: string): string =>
  [...t(`commands.${command}.example`)].map((c) => (/[!-~]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('') + ending;
const customerService = async (bot: BotUnderTest) => (await bot.publisher(HOME)).offers.find((offer) => offer.name === OFFER)!.customerService;

for (const locale of ['zh-CN', 'en-US'] as const satisfies readonly Locale[]) {
  describe(`WeChat forms (${locale})`, () => {
    const t = translator(locale);
    let bot: BotUnderTest;
    beforeEach(async () => (bot = await BotUnderTest.start()));
    afterEach(async () => bot.stop());

    it("inside a form, a word of the other language or the unbind word is an answer: the language stays and the binding too", async () => {
      const other = translator(locale === 'zh-CN' ? 'en-US' : 'zh-CN');
      // The other language's "more" word and this language's unbind word, as customer-service names.
      const moreWord = other('wechat.moreWord').split('|')[0]!;
      const unbindWord = t('wechat.unbindWords').split('|')[0]!;
      await runConversation(bot, 'wechat', USERS.admin, locale, [
        ...openOfferForm(t),
        { say: moreWord, see: [ask(t, 'fields.cs.phone')], notSee: [other('wechat.formAsk', { label: other('fields.cs.phone') })] },
        { say: '=' }, { say: '=' }, { say: '=' }, { say: '=' },
        { say: '=', see: [t('wechat.formReview'), moreWord] },
        { say: save(t), see: [moreWord] },
      ]);
      assert.equal((await customerService(bot)).name, moreWord);
      await runConversation(bot, 'wechat', USERS.admin, locale, [
        ...openOfferForm(t),
        { say: unbindWord, see: [ask(t, 'fields.cs.phone')] },
      ]);
    });

    it('checks each answer when it is given, asks again at once with the reason, and edits one summary item by its number', async () => {
      await runConversation(bot, 'wechat', USERS.admin, locale, [
        ...openOfferForm(t),
        { say: '=', see: [ask(t, 'fields.cs.phone'), t('wechat.formShortHint')], notSee: [t('wechat.formCancelHint')] },
        { say: '12345', see: [t('validation.phoneMobileLength', { digits: 5 }), ask(t, 'fields.cs.phone'), t('wechat.formStep', { n: 2, total: 6 })] },
        { say: '０２１－６１２３４５６７', see: [ask(t, 'fields.cs.email')] },
        { say: 'cs@', see: [t('validation.emailDomain'), ask(t, 'fields.cs.email')] },
        { say: 'ＣＳ＠ｙｕｎｆａｎ．ｃｎ', see: [ask(t, 'fields.cs.qq')] },
        { say: '0123', see: [t('validation.qqLeadingZero', { digits: 4 }), ask(t, 'fields.cs.qq')] },
        { say: '８０００１２３４５６', see: [ask(t, 'fields.cs.wechat')] },
        { say: '＝', see: [ask(t, 'fields.cs.weibo')] },
        { say: 'weibo.com/u/1234567', see: [t('wechat.formReview'), 'https://weibo.com/u/1234567', '021-61234567', 'cs@yunfan.cn'] },
        { say: '２', see: [ask(t, 'fields.cs.phone'), t('wechat.formStep', { n: 2, total: 6 })], notSee: [t('wechat.formReview')] },
        { say: '95588 转 1', see: [t('wechat.formReview'), '95588-1'] },
        { say: save(t), see: ['95588-1'] },
      ]);
      assert.deepEqual(await customerService(bot), {
        name: '云帆客服中心',
        phone: '95588-1',
        email: 'cs@yunfan.cn',
        qq: '8000123456',
        wechat: 'yunfan_support',
        weibo: 'https://weibo.com/u/1234567',
      });
    });

    it('a customer-service name that is only a phone number is saved, with a warning in the saved notice', async () => {
      await runConversation(bot, 'wechat', USERS.admin, locale, [
        ...openOfferForm(t),
        { say: '１３９１２３４５６７８', see: [ask(t, 'fields.cs.phone')] },
        { say: '=' },
        { say: '=' },
        { say: '=' },
        { say: '=' },
        { say: '=', see: [t('wechat.formReview')] },
        { say: save(t), see: [t('warnings.nameLooksLikeNumber')] },
      ]);
      assert.equal((await customerService(bot)).name, '13912345678');
    });

    it('a required field left empty or cleared is asked again; "－" clears an optional one', async () => {
      await runConversation(bot, 'wechat', USERS.admin, locale, [
        ...openOfferForm(t),
        { say: '－', see: [t('validation.required'), ask(t, 'fields.cs.name')] },
        { say: '=' },
        { say: '=' },
        { say: '=', see: [ask(t, 'fields.cs.qq')] },
        { say: '——', see: [ask(t, 'fields.cs.wechat')] },
        { say: '=' },
        { say: '=', see: [t('wechat.formReview')] },
        { say: save(t) },
      ]);
      assert.equal((await customerService(bot)).qq, undefined);
    });

    it('"menu" pauses the form, which the next answers offer to continue; "help" too; "cancel" drops it and changes nothing', async () => {
      const before = await customerService(bot);
      await runConversation(bot, 'wechat', USERS.admin, locale, [
        ...openOfferForm(t),
        { say: typedWith(t, 'menu', '。'), see: [t('menu.prompt'), draftHint(t)] },
        { say: t('wechat.resumeWord').split('|')[0]!, see: [ask(t, 'fields.cs.name')], notSee: [t('menu.prompt')] },
        { say: '=', see: [ask(t, 'fields.cs.phone')] },
        { say: typedWith(t, 'menu', '！'), see: [t('menu.prompt'), draftHint(t)] },
        { say: t('wechat.resumeWord').split('|')[1]!, see: [ask(t, 'fields.cs.phone')] },
        { say: typedWith(t, 'help', '？'), see: [t('help.intro'), draftHint(t)] },
        { say: t('wechat.resumeWord').split('|')[0]!, see: [ask(t, 'fields.cs.phone')] },
        { say: `\u3000${[...t('commands.cancel.example')].join('\u200B')}\u3000`, see: [t('common.cancelled')], notSee: [draftHint(t)] },
        // Nothing to continue any more: the word is just text.
        { say: t('wechat.resumeWord').split('|')[0]!, notSee: [ask(t, 'fields.cs.phone')] },
      ]);
      assert.deepEqual(await customerService(bot), before, 'no command word became a value');
    });

    it('a command word typed as a name interrupts instead of being saved; the hint says so', async () => {
      await runConversation(bot, 'wechat', USERS.admin, locale, [
        { say: t('commands.offers.example') },
        { choose: t('actions.view'), under: OFFER },
        { choose: t('offers.edit'), see: [t('wechat.formCancelHint')] },
        { say: t('commands.menu.example'), see: [t('menu.prompt')] },
        { say: t('commands.cancel.example'), see: [t('common.cancelled')] },
      ]);
      assert.equal((await customerService(bot)).name, '云帆客服中心');
    });

    it('"menu" or "cancel" at a typed confirmation interrupts it and deletes nothing', async () => {
      await runConversation(bot, 'wechat', USERS.admin, locale, [
        { say: t('commands.offers.example') },
        { choose: t('actions.delete'), under: '云帆托管数据库', see: [t('offers.deleteConfirm')] },
        { say: typedWith(t, 'menu', '！'), see: [t('menu.prompt')], notSee: [t('receipt.title')] },
        { say: t('wechat.confirmWord'), notSee: [t('receipt.title')] },
        { say: t('commands.offers.example') },
        { choose: t('actions.delete'), under: '云帆托管数据库' },
        { say: typedWith(t, 'cancel', ''), see: [t('common.cancelled')], notSee: [t('receipt.title')] },
      ]);
      assert.equal((await bot.publisher(HOME)).offers.length, 3);
    });

    it('a contact form over 21 rows asks which contact first, then only its three fields', async () => {
      const stored = await bot.store.publishers.get(HOME);
      const contacts = Array.from({ length: 20 }, (_, i) => ({ name: `联系人${i + 1}`, phone: `+861380013${String(8000 + i)}`, email: `c${i}@yunfan.example.cn` }));
      await bot.store.publishers.put({ ...stored!.publisher, contacts }, stored!.version);
      await runConversation(bot, 'wechat', USERS.admin, locale, [
        { say: t('commands.contact.example') },
        // The list is paged (20 contacts, 10 a page); "edit" is offered on every page.
        {
          choose: t('contact.edit'),
          see: [t('wechat.formPick'), t('wechat.choice', { n: 1, title: t('contact.companyGroup') }), t('wechat.choice', { n: 22, title: t('contact.newHeading') })],
          notSee: [t('wechat.formStep', { n: 1, total: 65 })],
        },
        { say: '99', see: [t('wechat.formPickAgain', { count: 22 }), t('wechat.formPick')] },
        { choose: t('contact.group', { heading: t('contact.heading', { n: 7 }), name: '联系人7' }), see: [t('wechat.formStep', { n: 1, total: 3 })] },
        { say: '=' },
        { say: '021－６１２３４５９９', see: [t('wechat.formStep', { n: 3, total: 3 })] },
        { say: '=', see: [t('wechat.formReview'), '021-61234599'] },
        { say: save(t), see: ['021-61234599'] },
      ]);
      const saved = (await bot.publisher(HOME)).contacts;
      assert.equal(saved.length, 20);
      assert.equal(saved[6]?.phone, '021-61234599');
      assert.deepEqual(saved.filter((_, i) => i !== 6), contacts.filter((_, i) => i !== 6));
    });
  });
}
