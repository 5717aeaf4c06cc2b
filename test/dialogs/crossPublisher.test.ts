import assert from 'node:assert/strict';
import { translator } from '../../src/i18n';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';

/** Payloads a client could forge, naming the rival publisher's ids; sent by the home publisher's admin. */
const FORGED = [
  { verb: 'offer.view', offerId: 'rival-offer', v: 1 },
  { verb: 'offer.edit', offerId: 'rival-offer', v: 1 },
  { verb: 'offer.save', offerId: 'rival-offer', v: 1, name: 'x', phone: '13800138000', email: 'x@example.com' },
  { verb: 'offer.delete', offerId: 'rival-offer', v: 1 },
  { verb: 'offer.delete.execute', offerId: 'rival-offer', v: 1 },
  { verb: 'record.view', recordId: 'rival-req-1', v: 1 },
  { verb: 'record.delete.execute', recordId: 'rival-req-1', v: 1 },
  { verb: 'account.remove.execute', upn: 'boss@rival.example.cn', v: 1 },
  { verb: 'account.remove.execute', upn: 'both@rival.example.cn', v: 1 },
  { verb: 'publisher.select', publisherId: 'rival-tech' },
  { verb: 'contact.save', publisherId: 'rival-tech', v: 1, rows: 1, companyName: '被篡改', 'contact.0.name': 'x', 'contact.0.phone': '13800138000', 'contact.0.email': 'x@example.com' },
];

describe('Cross-publisher payloads', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  for (const invoke of [false, true]) {
    it(`refuses every forged id of another publisher and changes nothing (${invoke ? 'Action.Execute' : 'Action.Submit'})`, async () => {
      const rivalBefore = await bot.store.publishers.get('rival-tech');
      const chat = bot.chat(USERS.admin, 'en-US');
      await chat.say('menu');
      for (const payload of FORGED) {
        await chat.submit(payload, {}, { invoke });
        const shown = JSON.stringify(chat.transcript.slice(-2));
        for (const secret of ['对手云主机', '对手客服', 'cs@rival.example.cn', '对手的记录', '钱多多', '北京对手科技有限公司']) {
          assert.ok(!shown.includes(secret), `${payload.verb} must not reveal "${secret}"`);
        }
      }
      assert.deepEqual(await bot.store.publishers.get('rival-tech'), rivalBefore);
      assert.deepEqual(await bot.store.audit.list('rival-tech'), []);
    });
  }

  it('a user of no publisher sees only a polite explanation, in either language', async () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const chat = bot.chat(USERS.stranger, locale);
      await chat.say('menu');
      assert.ok(chat.lastCardText().includes(translator(locale)('access.denied')));
      await chat.submit({ verb: 'offer.delete.execute', offerId: 'rival-offer', v: 1 });
      assert.ok(chat.lastCardText().includes(translator(locale)('access.denied')));
    }
    assert.equal((await bot.publisher('rival-tech')).offers.length, 1);
  });

  it('a user on two publishers chooses one, acts for it alone, and can switch', async () => {
    const chat = bot.chat(USERS.both, 'zh-CN');
    await chat.say('菜单');
    assert.ok(chat.lastCardText().includes('上海云帆信息技术有限公司') && chat.lastCardText().includes('北京对手科技有限公司'));
    await chat.click('北京对手科技有限公司');
    assert.ok(chat.lastCardText().includes('当前服务商：北京对手科技有限公司'));
    await chat.say('产品');
    assert.ok(chat.lastCardText().includes('对手云主机'));
    assert.ok(!chat.lastCardText().includes('云帆备份服务器'));
    await chat.say('切换服务商');
    await chat.click('上海云帆信息技术有限公司');
    await chat.say('产品');
    assert.ok(chat.lastCardText().includes('云帆备份服务器'));
  });
});
