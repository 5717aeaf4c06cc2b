/**
 * Issue 13 item 3: a Bot Framework token is verified once while it lives, not on every request;
 * its turns share one connector client. Counted with a stand-in for botbuilder's verification.
 */
import assert from 'node:assert/strict';
import { ClaimsIdentity, type AuthenticateRequestResult, type ConnectorClient } from 'botframework-connector';
import { VerifiedRequests } from '../../src/bot/verifiedRequests';

const NOW = 1_800_000_000_000;

function token(expSeconds: number, salt = 'a'): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `Bearer ${part({ alg: 'RS256', kid: 'k1' })}.${part({ exp: expSeconds, iss: 'https://api.botframework.com' })}.sig-${salt}`;
}

/** A verification that succeeds (or fails) and counts its calls and the connector clients it makes. */
function counting(outcome: 'ok' | 'refuse' = 'ok'): { verify: () => Promise<AuthenticateRequestResult>; calls: () => number; clients: () => number } {
  let calls = 0;
  let clients = 0;
  return {
    calls: () => calls,
    clients: () => clients,
    verify: () => {
      calls += 1;
      if (outcome === 'refuse') return Promise.reject(new Error('Unauthorized'));
      return Promise.resolve({
        audience: 'https://api.botframework.com',
        claimsIdentity: new ClaimsIdentity([], true),
        connectorFactory: {
          create: () => {
            clients += 1;
            return Promise.resolve({} as ConnectorClient);
          },
        },
      });
    },
  };
}

describe('verified Bot Framework requests are remembered until the token expires', () => {
  let now = NOW;
  const clock = (): number => now;
  beforeEach(() => (now = NOW));

  it('the same token, channel and service URL is verified once; its turns share one connector client', async () => {
    const cache = new VerifiedRequests({ now: clock });
    const check = counting();
    const auth = token(NOW / 1000 + 3600);
    for (let i = 0; i < 5; i++) {
      const result = await cache.authenticate(auth, 'msteams', 'https://smba.example/', check.verify);
      await result.connectorFactory?.create('https://smba.example/', result.audience);
    }
    assert.equal(check.calls(), 1);
    assert.equal(check.clients(), 1);
  });

  it('another token, channel or service URL is verified on its own', async () => {
    const cache = new VerifiedRequests({ now: clock });
    const check = counting();
    const exp = NOW / 1000 + 3600;
    await cache.authenticate(token(exp), 'msteams', 'https://a/', check.verify);
    await cache.authenticate(token(exp, 'tampered'), 'msteams', 'https://a/', check.verify);
    await cache.authenticate(token(exp), 'webchat', 'https://a/', check.verify);
    await cache.authenticate(token(exp), 'msteams', 'https://b/', check.verify);
    assert.equal(check.calls(), 4);
  });

  it('a refused token is not remembered: it is verified (and refused) every time', async () => {
    const cache = new VerifiedRequests({ now: clock });
    const check = counting('refuse');
    for (let i = 0; i < 3; i++) await assert.rejects(cache.authenticate(token(NOW / 1000 + 3600), 'msteams', 'https://a/', check.verify));
    assert.equal(check.calls(), 3);
    assert.equal(cache.size, 0);
  });

  it("a token is verified again once its own exp has passed", async () => {
    const cache = new VerifiedRequests({ now: clock });
    const check = counting();
    const auth = token(NOW / 1000 + 60);
    await cache.authenticate(auth, 'msteams', 'https://a/', check.verify);
    now = NOW + 59_000;
    await cache.authenticate(auth, 'msteams', 'https://a/', check.verify);
    assert.equal(check.calls(), 1);
    now = NOW + 60_000;
    await cache.authenticate(auth, 'msteams', 'https://a/', check.verify);
    assert.equal(check.calls(), 2);
  });

  it('a token without exp, or one already past it, is never remembered', async () => {
    const cache = new VerifiedRequests({ now: clock });
    const check = counting();
    await cache.authenticate('Bearer not-a-jwt', 'msteams', 'https://a/', check.verify);
    await cache.authenticate(token(NOW / 1000 - 1), 'msteams', 'https://a/', check.verify);
    assert.equal(cache.size, 0);
  });

  it('requests without a token (authentication off) are remembered for anonymousTtlMs', async () => {
    const cache = new VerifiedRequests({ now: clock, anonymousTtlMs: 1_000 });
    const check = counting();
    await cache.authenticate('', 'msteams', 'https://a/', check.verify);
    await cache.authenticate('', 'msteams', 'https://a/', check.verify);
    now = NOW + 1_000;
    await cache.authenticate('', 'msteams', 'https://a/', check.verify);
    assert.equal(check.calls(), 2);
  });

  it('holds at most maxEntries outcomes, whatever the number of service URLs', async () => {
    const cache = new VerifiedRequests({ now: clock, maxEntries: 3 });
    const check = counting();
    for (let i = 0; i < 50; i++) await cache.authenticate('', 'msteams', `https://host-${i}/`, check.verify);
    assert.equal(cache.size, 3);
  });
});
