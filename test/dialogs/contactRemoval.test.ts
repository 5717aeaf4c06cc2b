/**
 * Removing a contact, as step tables through both renderers (Teams cards, WeChat text) in both
 * languages: its own action beside each contact, a confirmation showing who goes (WeChat: the typed
 * word), a receipt; never the last contact; a contact changed meanwhile is confirmed again.
 */
import assert from 'node:assert/strict';
import { translator, type Locale, type Translate } from '../../src/i18n';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { runConversation, type Channel, type Step } from '../helpers/bothChannels';

const HOME = 'contoso-cn';

interface Case {
  name: string;
  steps: (t: Translate, bot: BotUnderTest) => Step[];
  after?: (bot: BotUnderTest) => Promise<void>;
}

const contactView = (t: Translate): Step => ({ say: t('commands.contact.example'), see: [t('contact.remove')] });
const names = async (bot: BotUnderTest): Promise<string[]> => (await bot.publisher(HOME)).contacts.map((c) => c.name);

const CASES: Case[] = [
  {
    name: 'removes a contact only after a clicked or typed confirmation that shows who goes, with a receipt',
    steps: (t) => [
      contactView(t),
      { choose: t('contact.remove'), under: t('contact.heading', { n: 2 }), see: [t('contact.removeTitle'), t('contact.removeWarning'), '李娜', 'li.na@yunfan.example.cn'], notSee: ['王晓明'] },
      { confirm: t('contact.removeConfirm'), see: [t('receipt.title'), t('receipt.categories.contact')], notSee: ['李娜', 'li.na@yunfan.example.cn'] },
      { choose: t('contact.back'), see: ['王晓明'], notSee: ['李娜'] },
    ],
    after: async (bot) => {
      assert.deepEqual(await names(bot), ['王晓明']);
      const [entry] = await bot.store.audit.list(HOME);
      assert.equal(entry?.action, 'contact.remove');
      assert.ok(entry?.receiptId, 'the removal has a receipt');
      assert.deepEqual(entry?.erased, [{ category: 'contact', count: 1 }]);
      assert.deepEqual(entry?.fields, ['contacts[1]']);
      assert.ok(!JSON.stringify(entry).includes('李娜'), 'the audit entry names no value');
    },
  },
  {
    name: 'cancelling the confirmation removes nothing',
    steps: (t) => [
      contactView(t),
      { choose: t('contact.remove'), under: t('contact.heading', { n: 1 }), see: ['王晓明'] },
      { choose: t('actions.cancel'), see: [t('contact.title'), '王晓明', '李娜'] },
    ],
    after: async (bot) => {
      assert.deepEqual(await names(bot), ['王晓明', '李娜']);
      assert.deepEqual((await bot.store.audit.list(HOME)).filter((e) => e.receiptId), []);
    },
  },
  {
    name: 'never removes the last contact, and says why',
    steps: (t) => [
      contactView(t),
      { choose: t('contact.remove'), under: t('contact.heading', { n: 2 }) },
      { confirm: t('contact.removeConfirm'), see: [t('receipt.title')] },
      contactView(t),
      { choose: t('contact.remove'), under: t('contact.heading', { n: 1 }), see: [t('errors.E-LAST-CONTACT'), '王晓明'], notSee: [t('contact.removeWarning')] },
    ],
    after: async (bot) => assert.deepEqual(await names(bot), ['王晓明']),
  },
  {
    name: 'a contact changed meanwhile is confirmed again as it is now, and removed on the second confirmation',
    steps: (t, bot) => [
      contactView(t),
      { choose: t('contact.remove'), under: t('contact.heading', { n: 2 }), see: ['li.na@yunfan.example.cn'] },
      {
        meanwhile: async () => {
          // A colleague corrects this contact's e-mail while the confirmation is open.
          const stored = await bot.store.publishers.get(HOME);
          const contacts = stored!.publisher.contacts.map((c, i) => (i === 1 ? { ...c, email: 'na.li@yunfan.example.cn' } : c));
          await bot.store.publishers.put({ ...stored!.publisher, contacts }, stored!.version);
        },
      },
      { confirm: t('contact.removeConfirm'), see: [t('stale.contactChanged'), 'na.li@yunfan.example.cn'], notSee: [t('receipt.title')] },
      { confirm: t('contact.removeConfirm'), see: [t('receipt.title')] },
    ],
    after: async (bot) => {
      assert.deepEqual(await names(bot), ['王晓明']);
      assert.equal((await bot.store.audit.list(HOME)).filter((e) => e.action === 'contact.remove').length, 1);
    },
  },
];

for (const locale of ['en-US', 'zh-CN'] as const satisfies readonly Locale[]) {
  const t = translator(locale);
  describe(`Removing a contact, both channels (${locale})`, () => {
    let bot: BotUnderTest;
    beforeEach(async () => (bot = await BotUnderTest.start()));
    afterEach(async () => bot.stop());

    it('wechat: clearing a stored contact\'s field with "-" is refused at once and asked again; nothing is removed', async () => {
      const label = `${t('contact.heading', { n: 2 })} · ${t('fields.name')}`;
      await runConversation(bot, 'wechat', USERS.admin, locale, [
        contactView(t),
        { choose: t('contact.edit'), see: [t('wechat.formPick')] },
        { choose: t('contact.group', { heading: t('contact.heading', { n: 2 }), name: '李娜' }), see: [t('wechat.formAsk', { label })] },
        { say: '-', see: [t('wechat.formAsk', { label })], notSee: [t('wechat.formAsk', { label: `${t('contact.heading', { n: 2 })} · ${t('fields.phone')}` })] },
      ]);
      assert.deepEqual(await names(bot), ['王晓明', '李娜']);
    });

    for (const testCase of CASES) {
      for (const channel of ['teams', 'wechat'] as const satisfies readonly Channel[]) {
        it(`${channel}: ${testCase.name}`, async () => {
          await runConversation(bot, channel, USERS.admin, locale, testCase.steps(t, bot));
          await testCase.after?.(bot);
        });
      }
    }
  });
}
