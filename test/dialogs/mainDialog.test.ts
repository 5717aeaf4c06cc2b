import assert from 'node:assert/strict';
import { TeamsInfo } from 'botbuilder';
import sinon from 'sinon';
import { translator } from '../../src/i18n';
import { BotUnderTest, findAction } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';

describe('Main dialog', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  const cases: { name: string; locale: 'en-US' | 'zh-CN'; steps: [string, string][] }[] = [
    { name: 'menu, help and cancel in English', locale: 'en-US', steps: [['menu', 'What would you like to do?'], ['help', 'What I can do'], ['cancel', 'Cancelled. Nothing was changed.']] },
    { name: 'menu, help and cancel in Chinese', locale: 'zh-CN', steps: [['菜单', '请问您要做什么？'], ['帮助', '我能帮您做什么'], ['取消', '已取消，没有做任何修改。']] },
    { name: 'Chinese commands in an English session', locale: 'en-US', steps: [['联系信息', 'Contact information'], ['菜单', 'What would you like to do?']] },
    { name: 'unknown text gets a hint', locale: 'zh-CN', steps: [['今天天气怎么样', '抱歉，没有理解您的意思']] },
    { name: 'cancel in the middle of an edit', locale: 'en-US', steps: [['contact', 'Contact information'], ['cancel', 'Cancelled']] },
  ];
  for (const { name, locale, steps } of cases) {
    it(name, async () => {
      const chat = bot.chat(USERS.admin, locale);
      for (const [said, expected] of steps) {
        await chat.say(said);
        assert.ok(chat.lastCardText().includes(expected), `after "${said}" expected "${expected}" in:\n${chat.lastCardText()}`);
      }
    });
  }

  it('follows the client locale and remembers a language switch for the user', async () => {
    const chat = bot.chat(USERS.admin, 'en-US');
    await chat.say('menu');
    assert.ok(chat.lastCardText().includes('What would you like to do?'));
    await chat.say('language');
    await chat.click('中文');
    assert.ok(chat.lastCardText().includes(translator('zh-CN')('language.changed')));
    await chat.say('menu');
    assert.ok(chat.lastCardText().includes('请问您要做什么？'), 'still Chinese on the next turn, though the client says en-US');
  });

  it('tells what an export holds, per category, with a download link and its expiry; never JSON in the chat', async () => {
    const chat = bot.chat(USERS.admin, 'zh-CN');
    const t = translator('zh-CN');
    const replies = await chat.say('导出');
    assert.ok(!JSON.stringify(replies).includes('publisher-privacy-export/1'), 'no JSON dump');
    const text = chat.lastCardText();
    assert.ok(text.includes(t('export.expires')));
    assert.ok(text.includes(t('export.counts.offers')) && text.includes(t('export.count', { count: 3 })));
    const link = findAction(chat.lastCard(), t('export.download')) as { type: string; url?: string };
    assert.equal(link.type, 'Action.OpenUrl');
    assert.match(link.url ?? '', /^https:\/\/bot\.example\.cn\/exports\/[A-Za-z0-9_-]{43}$/);
  });

  it('welcomes a new member in their language', async () => {
    const chat = bot.chat(USERS.admin, 'zh-CN');
    const replies = await chat.deliverRaw({ type: 'conversationUpdate', membersAdded: [{ id: `29:${USERS.admin.objectId}`, name: USERS.admin.name }] });
    assert.ok(JSON.stringify(replies).includes('欢迎使用服务商隐私助手'));
    // Teams follows a personal install with an installationUpdate too: one welcome is enough.
    const again = await chat.deliverRaw({ type: 'installationUpdate', action: 'add' });
    assert.equal(again.length, 0);
  });

  describe('a user listed only by UPN', () => {
    afterEach(() => sinon.restore());

    it('is recognized through Teams (TeamsInfo.getMember), once: the objectId is then stored', async () => {
      // Teams' member API is out of reach here: the stub answers what Teams would.
      const getMember = sinon.stub(TeamsInfo, 'getMember').resolves({ id: '29:zhang', name: '张伟', userPrincipalName: 'Zhang.Wei@yunfan.partner.onmschina.cn' });
      const chat = bot.chat({ objectId: 'zhang-oid-0001', name: '张伟' }, 'zh-CN');
      await chat.say('菜单');
      assert.ok(chat.lastCardText().includes('请问您要做什么？'));
      const account = (await bot.publisher('contoso-cn')).aadAccounts.find((a) => a.upn === 'zhang.wei@yunfan.partner.onmschina.cn');
      assert.equal(account?.objectId, 'zhang-oid-0001');
      await chat.say('账号');
      assert.ok(chat.lastCardText().includes('张伟（您本人）'));
      assert.equal(getMember.callCount, 1, 'later turns find the user by objectId');
    });

    it('gets the polite refusal when Teams cannot be asked', async () => {
      sinon.stub(TeamsInfo, 'getMember').rejects(new Error('connector unreachable'));
      const chat = bot.chat({ objectId: 'zhang-oid-0001', name: '张伟' }, 'en-US');
      await chat.say('menu');
      assert.ok(chat.lastCardText().includes(translator('en-US')('access.denied')));
    });
  });
});
