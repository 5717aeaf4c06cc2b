/**
 * Input as a Chinese IME or a paste delivers it, on both channels: full-width letters and digits,
 * trailing 。！？, ideographic spaces and zero-width characters around commands, menu numbers,
 * confirmation words and binding codes mean the plain input (normalized once, at each channel's edge).
 */
import assert from 'node:assert/strict';
import { translator, type Locale } from '../../src/i18n';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { runConversation, STRANGER, type Channel, type Step } from '../helpers/bothChannels';

const BOTH: Channel[] = ['teams', 'wechat'];

/** [typed, the language it is in, the locale key of what the answer shows]. */
const COMMANDS: [typed: string, locale: Locale, shows: string][] = [
  ['菜单。', 'zh-CN', 'menu.prompt'],
  ['菜单！', 'zh-CN', 'menu.prompt'],
  ['\u3000菜单\u3000', 'zh-CN', 'menu.prompt'],
  ['菜\u200B单', 'zh-CN', 'menu.prompt'],
  ['主菜单～', 'zh-CN', 'menu.prompt'],
  ['ＭＥＮＵ', 'en-US', 'menu.prompt'],
  ['Menu!', 'en-US', 'menu.prompt'],
  ['ｍｅｎｕ。', 'en-US', 'menu.prompt'],
  ['/menu', 'en-US', 'menu.prompt'],
  ['帮助？', 'zh-CN', 'help.intro'],
  ['？', 'zh-CN', 'help.intro'],
  ['ＨＥＬＰ！', 'en-US', 'help.intro'],
  ['help?', 'en-US', 'help.intro'],
  ['联系信息。', 'zh-CN', 'contact.title'],
  ['\uFEFF联系人', 'zh-CN', 'contact.title'],
  ['Ｃｏｎｔａｃｔ', 'en-US', 'contact.title'],
  ['产品！', 'zh-CN', 'offers.title'],
  ['ｏｆｆｅｒｓ', 'en-US', 'offers.title'],
];

describe('input as an IME types it, on both channels', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  for (const [typed, locale, shows] of COMMANDS) {
    for (const channel of BOTH) {
      it(`${channel}: ${JSON.stringify(typed)} is the command (${shows})`, async () => {
        await runConversation(bot, channel, USERS.admin, locale, [{ say: typed, see: [translator(locale)(shows)] }]);
      });
    }
  }

  // Menu numbers and the confirmation word exist only in WeChat (Teams has buttons).
  const NUMBERS: string[] = ['１', '１。', ' 1 ', '1！', '\u200B1'];
  for (const typed of NUMBERS) {
    it(`wechat: menu number ${JSON.stringify(typed)} picks entry 1`, async () => {
      const t = translator('zh-CN');
      await runConversation(bot, 'wechat', USERS.admin, 'zh-CN', [{ say: '菜单' }, { say: typed, see: [t('contact.title'), '王晓明'] }]);
    });
  }

  for (const typed of ['确认删除。', '确认删除！', '\u3000确认删除', '确认\u200B删除']) {
    it(`wechat: the confirmation word typed as ${JSON.stringify(typed)} deletes`, async () => {
      const t = translator('zh-CN');
      const steps: Step[] = [
        { say: '产品' },
        { choose: t('actions.delete'), under: '云帆托管数据库', see: [t('offers.deleteConfirm')] },
        { say: typed, see: [t('receipt.title')] },
      ];
      await runConversation(bot, 'wechat', USERS.admin, 'zh-CN', steps);
      assert.equal((await bot.publisher('contoso-cn')).offers.length, 2);
    });
  }

  const fullWidth = (text: string): string => text.replace(/[0-9a-z]/gi, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  const BINDINGS: [(code: string) => string, Locale][] = [
    [(code) => `绑定 ${fullWidth(code)}`, 'zh-CN'],
    [(code) => `绑定：${code}`, 'zh-CN'],
    [(code) => `绑定${code}。`, 'zh-CN'],
    [(code) => `绑定\u3000${fullWidth(code)}`, 'zh-CN'],
    [(code) => fullWidth(`bind ${code}`), 'en-US'],
    [(code) => `Bind: ${code}!`, 'en-US'],
  ];
  for (const [typed, locale] of BINDINGS) {
    it(`wechat: the binding code typed as ${JSON.stringify(typed('663058'))} binds`, async () => {
      const teams = bot.chat(USERS.admin, 'zh-CN');
      await teams.say('wechat');
      const code = /\b(\d{6})\b/.exec(teams.lastCardText())?.[1];
      assert.ok(code);
      const t = translator(locale);
      const [linked] = t('wechat.bound', { company: '\u0000' }).split('\u0000');
      await runConversation(bot, 'wechat', STRANGER, locale, [{ say: typed(code), see: [linked!] }]);
    });
  }

  it('teams: a card submit with full-width values is stored in the plain spelling', async () => {
    const t = translator('zh-CN');
    await runConversation(bot, 'teams', USERS.admin, 'zh-CN', [
      { say: '产品' },
      { choose: t('actions.view'), under: '云帆备份服务器' },
      { choose: t('offers.edit') },
      {
        fill: [
          { id: 'phone', label: t('fields.cs.phone'), value: '０２１－６１２３４５６７' },
          { id: 'email', label: t('fields.cs.email'), value: 'ＣＳ＠ｙｕｎｆａｎ．ｃｎ' },
          { id: 'qq', label: t('fields.cs.qq'), value: '８０００１２３４５６\u200B' },
          { id: 'wechat', label: t('fields.cs.wechat'), value: 'ｙｕｎｆａｎ＿ｃｓ' },
          { id: 'weibo', label: t('fields.cs.weibo'), value: 'ｗｅｉｂｏ．ｃｏｍ／ｕ／１２３４５６７' },
        ],
        submit: t('actions.save'),
      },
    ]);
    const cs = (await bot.publisher('contoso-cn')).offers.find((offer) => offer.name === '云帆备份服务器')?.customerService;
    assert.deepEqual(cs, { name: '云帆客服中心', phone: '021-61234567', email: 'cs@yunfan.cn', qq: '8000123456', wechat: 'yunfan_cs', weibo: 'https://weibo.com/u/1234567' });
  });
});
