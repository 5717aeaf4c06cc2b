/**
 * Dialog step tables run through both renderers (Teams cards, WeChat text) in both languages:
 * AAD accounts (add, remove with confirmation, role change, never the last admin), the menu's
 * WeChat entry, and the language a WeChat message is answered in.
 */
import assert from 'node:assert/strict';
import { translator, type Locale, type Translate } from '../../src/i18n';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { runConversation, STRANGER, type Channel, type Step } from '../helpers/bothChannels';

interface Case {
  name: string;
  channels: Channel[];
  user: { objectId: string; name: string };
  steps: (t: Translate, channel: Channel) => Step[];
  /** Checks on the store after the conversation. */
  after?: (bot: BotUnderTest) => Promise<void>;
}

const BOTH: Channel[] = ['teams', 'wechat'];
const HOME = 'contoso-cn';

const roleOf = async (bot: BotUnderTest, upn: string): Promise<string | undefined> => (await bot.publisher(HOME)).aadAccounts.find((a) => a.upn === upn)?.role;
const accounts = (t: Translate): Step => ({ say: t('commands.accounts.example') });

const CASES: Case[] = [
  {
    name: 'an admin makes a member an admin and back, and each change says whose role is now what',
    channels: BOTH,
    user: USERS.admin,
    steps: (t) => [
      { ...accounts(t), see: [t('accounts.adminHint'), t('accounts.changeRole')], notSee: [t('accounts.memberHint')] },
      { choose: t('accounts.changeRole'), under: '普通成员', see: [t('accounts.roleTitle'), t('accounts.makeAdmin')], notSee: [t('accounts.demoteSelfWarning')] },
      { choose: t('accounts.makeAdmin'), see: [t('accounts.roleChanged', { name: '普通成员', role: t('roles.admin') })] },
      { choose: t('accounts.changeRole'), under: '普通成员', see: [t('accounts.makeMember')] },
      { choose: t('accounts.makeMember'), see: [t('accounts.roleChanged', { name: '普通成员', role: t('roles.member') })] },
    ],
    after: async (bot) => {
      assert.equal(await roleOf(bot, 'member@yunfan.example.cn'), 'member');
      const audit = await bot.store.audit.list(HOME);
      const roleChanges = audit.filter((entry) => entry.action === 'aadAccount.role');
      assert.equal(roleChanges.length, 2);
      assert.ok(roleChanges.every((entry) => entry.fields.every((field) => /^aadAccounts\[\d+\]\.role$/.test(field))), JSON.stringify(roleChanges));
      assert.ok(!JSON.stringify(audit).includes('member@yunfan'), 'the audit trail never names the UPN');
    },
  },
  {
    name: 'the only admin can neither be demoted nor removed; once another is admin, demoting yourself warns first',
    channels: BOTH,
    user: USERS.admin,
    steps: (t) => [
      { ...accounts(t), see: [t('accounts.you', { name: 'Alex Wilber' })] },
      // The only admin's entry offers nothing: the first "change role" after it belongs to 张伟.
      { choose: t('accounts.changeRole'), under: t('accounts.you', { name: 'Alex Wilber' }), see: ['zhang.wei@yunfan.partner.onmschina.cn'], notSee: ['alexw@example.com'] },
      { choose: t('accounts.makeAdmin'), see: [t('accounts.roleChanged', { name: '张伟', role: t('roles.admin') })] },
      { choose: t('accounts.changeRole'), under: t('accounts.you', { name: 'Alex Wilber' }), see: [t('accounts.demoteSelfWarning'), 'alexw@example.com'] },
      { choose: t('accounts.makeMember'), see: [t('accounts.roleChanged', { name: 'Alex Wilber', role: t('roles.member') }), t('accounts.memberHint')], notSee: [t('accounts.add')] },
    ],
    after: async (bot) => {
      assert.equal(await roleOf(bot, 'alexw@example.com'), 'member');
      assert.equal(await roleOf(bot, 'zhang.wei@yunfan.partner.onmschina.cn'), 'admin');
    },
  },
  {
    name: 'an admin adds a user with UPN, name and role',
    channels: BOTH,
    user: USERS.admin,
    steps: (t) => [
      accounts(t),
      { choose: t('accounts.add'), see: [t('accounts.addTitle')] },
      {
        fill: [
          { id: 'upn', label: t('fields.upn'), value: 'new.colleague@yunfan.partner.onmschina.cn' },
          { id: 'displayName', label: t('fields.displayName'), value: '新同事' },
          { id: 'role', label: t('fields.role'), value: 'admin' },
        ],
        submit: t('accounts.addSubmit'),
        see: ['new.colleague@yunfan.partner.onmschina.cn', '新同事'],
      },
    ],
    after: async (bot) => assert.equal(await roleOf(bot, 'new.colleague@yunfan.partner.onmschina.cn'), 'admin'),
  },
  {
    name: 'an admin removes another user only after a typed or clicked confirmation, with a receipt',
    channels: BOTH,
    user: USERS.admin,
    steps: (t) => [
      accounts(t),
      { choose: t('actions.remove'), under: '张伟', see: [t('accounts.removeWarning'), 'zhang.wei@yunfan.partner.onmschina.cn'] },
      { confirm: t('accounts.removeConfirm'), see: [t('receipt.title')] },
    ],
    after: async (bot) => assert.equal(await roleOf(bot, 'zhang.wei@yunfan.partner.onmschina.cn'), undefined),
  },
  {
    name: 'removing yourself is asked twice, and then you have no access',
    channels: BOTH,
    user: USERS.admin,
    steps: (t, channel) => [
      accounts(t),
      { choose: t('accounts.changeRole'), under: '普通成员' },
      { choose: t('accounts.makeAdmin') },
      { choose: t('actions.remove'), under: t('accounts.you', { name: 'Alex Wilber' }), see: [t('accounts.removeSelfWarning')] },
      { choose: t('actions.continue'), see: [t('accounts.removeSelfFinal')] },
      { confirm: t('accounts.removeConfirm'), see: [t('receipt.title')] },
      // A WeChat account lasts only while the account that vouched for it is listed.
      { say: t('commands.menu.example'), see: [channel === 'teams' ? t('access.denied') : t('wechat.notBound')] },
    ],
    after: async (bot) => assert.equal(await roleOf(bot, 'alexw@example.com'), undefined),
  },
  {
    name: 'a member sees the accounts but cannot change them',
    channels: BOTH,
    user: USERS.member,
    steps: (t) => [{ ...accounts(t), see: [t('accounts.memberHint'), t('accounts.you', { name: '普通成员' })], notOffered: [t('accounts.changeRole'), t('accounts.add'), t('actions.remove')] }],
  },
  {
    name: 'the menu\'s WeChat entry gives a code in Teams',
    channels: ['teams'],
    user: USERS.admin,
    steps: (t) => [{ say: t('commands.menu.example') }, { choose: t('menu.wechat'), see: [t('wechat.codeTitle')] }],
  },
  {
    name: 'the menu\'s WeChat entry shows a WeChat user their binding, and unlinks it',
    channels: ['wechat'],
    user: USERS.member,
    steps: (t) => [
      { say: t('commands.menu.example') },
      { choose: t('menu.wechat'), see: [t('wechatLink.title'), t('wechatLink.company'), t('wechatLink.since'), '上海云帆'], notSee: [t('errors.E-FORBIDDEN')] },
      { choose: t('wechatLink.unbind'), see: [t('wechat.unbound', { receiptId: '\u0000' }).split('\u0000')[0]!] },
      { say: t('commands.menu.example'), see: [t('wechat.notBound')] },
    ],
  },
];

for (const locale of ['en-US', 'zh-CN'] as const satisfies readonly Locale[]) {
  const t = translator(locale);
  describe(`both channels, one step table (${locale})`, () => {
    let bot: BotUnderTest;
    beforeEach(async () => (bot = await BotUnderTest.start()));
    afterEach(async () => bot.stop());

    for (const testCase of CASES) {
      for (const channel of testCase.channels) {
        it(`${channel}: ${testCase.name}`, async () => {
          await runConversation(bot, channel, testCase.user, locale, testCase.steps(t, channel));
          await testCase.after?.(bot);
        });
      }
    }
  });
}

describe('the language of a WeChat message (no locale is sent)', () => {
  const en = translator('en-US');
  const zh = translator('zh-CN');
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  it('answers a stranger in Chinese, and in English when they write an English command — each message on its own', async () => {
    await runConversation(bot, 'wechat', STRANGER, 'zh-CN', [
      { say: '你好', see: [zh('wechat.notBound')] },
      { say: 'menu', see: [en('wechat.notBound')] },
      { say: 'help', see: [en('wechat.notBound')] },
      { say: '帮助', see: [zh('wechat.notBound')] },
      // A word of no language keeps the default: nothing was remembered for a stranger.
      { say: '123', see: [zh('wechat.notBound')] },
    ]);
  });

  it('a bound user who types a command in the other language is answered in it, and it is remembered', async () => {
    // Linked with the Chinese word 绑定: Chinese from then on.
    await runConversation(bot, 'wechat', USERS.admin, 'zh-CN', [
      { say: '菜单', see: [zh('menu.prompt')] },
      { say: 'menu', see: [en('menu.prompt')], notSee: [zh('menu.prompt')] },
      // A number has no language: the remembered choice (English) holds.
      { choose: en('menu.accounts'), see: [en('accounts.adminHint')] },
      { say: '帮助', see: [zh('help.title')] },
      // Switching by menu works too, and is remembered as well.
      { say: '菜单' },
      { choose: zh('menu.language') },
      { choose: 'English', see: [en('language.changed')] },
      { say: '2', see: [en('accounts.adminHint')] },
    ]);
  });

  it('a user who links with the English word is answered in English afterwards', async () => {
    await runConversation(bot, 'wechat', USERS.member, 'en-US', [{ say: '1', see: [en('menu.prompt')], notSee: [zh('menu.prompt')] }]);
  });
});
