import assert from 'node:assert/strict';
import { isPrivacyError } from '../../src/service/errors';
import { WechatBindings } from '../../src/service/wechatBindings';
import type { Actor } from '../../src/service/access';
import { BotUnderTest } from '../helpers/chat';

describe('WechatBindings.issueCode authorizes in the service', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  it('refuses a linked WeChat user (E-FORBIDDEN) and writes neither a code nor an audit entry', async () => {
    const bindings = new WechatBindings(bot.store.kv, bot.store.audit, 'test-salt');
    const actor: Actor = { publisherId: 'contoso-cn', role: 'admin', actorId: 'wechat:0', identity: { channel: 'linkedWechat', openid: 'o-1', publisherId: 'contoso-cn', role: 'admin' } };
    await assert.rejects(bindings.issueCode(actor), (error: unknown) => isPrivacyError(error, 'E-FORBIDDEN'));
    assert.deepEqual(await bot.store.kv.keys('wechat:code:'), []);
    assert.deepEqual(await bot.store.audit.list('contoso-cn'), []);
  });

  it('issues a code to an AAD user', async () => {
    const bindings = new WechatBindings(bot.store.kv, bot.store.audit, 'test-salt');
    const actor: Actor = { publisherId: 'contoso-cn', role: 'admin', actorId: 'aad:0', identity: { channel: 'aad', objectId: 'x' } };
    assert.match((await bindings.issueCode(actor)).code, /^\d{6}$/);
  });
});
