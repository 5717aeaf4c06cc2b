/**
 * Teams sign-in links beside WeChat bindings, on the service's one holder: their keys are KEYSPACE
 * names (so a salt rotation and a publisher erasure find them), and a pending sign-in ticket that
 * names an erased user is swept with the rest of the residue.
 */
import assert from 'node:assert/strict';
import { KEYSPACE } from '../../src/service/keyspace';
import { PrivacyService } from '../../src/service/privacyService';
import { erasePublisher } from '../../src/service/publisherErasure';
import { checkSaltFingerprint } from '../../src/service/saltFingerprint';
import { SigninTickets } from '../../src/signin/signinTickets';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';

const TEAMS_USER = 'f0f0f0f0-0000-4000-8000-0000000000aa';

describe('Teams sign-in links on the service', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  it('is one instance per channel, keyed under KEYSPACE.teamsBinding and never under the WeChat keys', async () => {
    const service = new PrivacyService(bot.store, 'test-salt');
    assert.equal(service.bindings.forChannel('teams'), service.teamsLinks);
    assert.equal(service.teamsLinks.forChannel('wechat'), service.bindings);
    await service.teamsLinks.link(TEAMS_USER, 'contoso-cn', USERS.member.objectId);
    assert.equal((await bot.store.kv.keys(KEYSPACE.teamsBinding)).length, 1);
    assert.equal((await bot.store.kv.keys(KEYSPACE.teamsPublisherBindings)).length, 1);
    assert.deepEqual(await bot.store.kv.keys(KEYSPACE.wechatBinding), []);
    assert.equal(await service.bindings.bindingOf(TEAMS_USER), undefined, 'a Teams user id is no WeChat openid');
    assert.equal((await service.teamsLinks.bindingOf(TEAMS_USER))?.via, 'signin');
  });

  it('a confirmed salt rotation removes Teams links made with the old salt, with a receipt', async () => {
    const old = new PrivacyService(bot.store, 'old-salt');
    assert.equal((await checkSaltFingerprint(bot.store.kv, 'old-salt', old.bindings, false)).kind, 'first-use');
    await old.teamsLinks.link(TEAMS_USER, 'contoso-cn', USERS.member.objectId);
    const rotated = new PrivacyService(bot.store, 'new-salt');
    assert.deepEqual(await checkSaltFingerprint(bot.store.kv, 'new-salt', rotated.bindings, false), { kind: 'changed', bindings: 1 });
    assert.deepEqual(await checkSaltFingerprint(bot.store.kv, 'new-salt', rotated.bindings, true), { kind: 'rotated', removedBindings: 1 });
    assert.deepEqual(await bot.store.kv.keys(KEYSPACE.teamsBinding), []);
    assert.ok((await bot.store.audit.list('contoso-cn')).some((entry) => entry.action === 'teams.unlink' && entry.receiptId));
  });

  it('erasing the publisher removes its Teams links and the pending sign-in ticket of a linked user', async () => {
    const service = new PrivacyService(bot.store, 'test-salt');
    await service.teamsLinks.link(TEAMS_USER, 'contoso-cn', USERS.member.objectId);
    // The user asked for another link meanwhile: the ticket names them until it is used or expires.
    await new SigninTickets(bot.store.kv).issue({ channel: 'msteams', userId: TEAMS_USER, locale: 'en-US' });
    assert.equal((await bot.store.kv.keys(KEYSPACE.signinTicket)).length, 1);
    const receipt = await erasePublisher(bot.store, service.bindings, 'contoso-cn', 'operator');
    assert.deepEqual(receipt?.erased.find((item) => item.category === 'teamsLink'), { category: 'teamsLink', count: 1 });
    assert.deepEqual(await bot.store.kv.keys(KEYSPACE.teamsBinding), []);
    assert.deepEqual(await bot.store.kv.keys(KEYSPACE.teamsPublisherBindings), []);
    assert.deepEqual(await bot.store.kv.keys(KEYSPACE.signinTicket), [], 'the ticket naming the erased user is swept');
  });
});
