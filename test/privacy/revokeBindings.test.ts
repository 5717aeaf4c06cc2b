import assert from 'node:assert/strict';
import { aadAccountsVersion } from '../../src/domain/partVersions';
import { WechatBindings } from '../../src/service/wechatBindings';
import { BotUnderTest, cardText } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';

describe('Removing an AAD account revokes the WeChat bindings it vouched for', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  it('unbinds at once, with a receipt by the admin who removed the account', async () => {
    const bindings = new WechatBindings(bot.store.kv, bot.store.audit, 'test-salt');
    const member = bot.chat(USERS.member, 'en-US');
    await member.say('wechat');
    const code = /\b(\d{6})\b/.exec(cardText(member.lastCard()))?.[1] ?? '';
    assert.equal((await bindings.bind('o-member-phone', code)).kind, 'bound');
    const other = bot.chat(USERS.both, 'en-US');
    await other.say('menu');
    await other.click('上海云帆信息技术有限公司');
    await other.say('wechat');
    const otherCode = /\b(\d{6})\b/.exec(cardText(other.lastCard()))?.[1] ?? '';
    assert.equal((await bindings.bind('o-other-phone', otherCode)).kind, 'bound');

    const admin = bot.chat(USERS.admin, 'en-US');
    await admin.say('accounts');
    const stored = await bot.store.publishers.get('contoso-cn');
    await admin.submit({ verb: 'account.remove.execute', upn: 'member@yunfan.example.cn', v: stored ? aadAccountsVersion(stored.publisher) : '' });

    assert.equal(await bindings.bindingOf('o-member-phone'), undefined);
    assert.ok(await bindings.bindingOf('o-other-phone'), 'bindings vouched for by others stay');
    const unbinds = (await bot.store.audit.list('contoso-cn')).filter((entry) => entry.action === 'wechat.unbind');
    assert.equal(unbinds.length, 1);
    const removal = (await bot.store.audit.list('contoso-cn')).find((entry) => entry.action === 'aadAccount.remove');
    assert.equal(unbinds[0]?.actor, removal?.actor);
  });
});
