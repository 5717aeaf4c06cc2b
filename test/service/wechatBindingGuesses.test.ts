/**
 * Item 8 of issue 9: binding codes cannot be brute-forced by rotating openids. Runs on both engines
 * (embedded files and Redis), as the store contract does.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '../../src/service/access';
import { GLOBAL_FAILURE_BUDGET, GLOBAL_WINDOW_MS, MAX_WRONG_GUESSES_PER_CODE, WechatBindings, type BindOutcome } from '../../src/service/wechatBindings';
import { openStore, type OpenStoreOptions } from '../../src/store/openStore';
import type { StoreEngine } from '../../src/store/types';
import { deleteKeysWithPrefix, randomKeyPrefix, redisProblem, redisUrl, requireRedis } from '../helpers/redis';

const ISSUER: Actor = { publisherId: 'contoso-cn', role: 'admin', actorId: 'aad:issuer', identity: { channel: 'aad', objectId: 'issuer' } };

/** `count` six-digit codes that are not `code`, in an attacker's order. */
function wrongCodes(code: string, count: number): string[] {
  const codes: string[] = [];
  for (let n = 0; codes.length < count; n++) {
    const guess = String(n).padStart(6, '0');
    if (guess !== code) codes.push(guess);
  }
  return codes;
}

const engines: { name: string; setUp: (ctx: Mocha.Context) => Promise<void>; options: () => OpenStoreOptions; tearDown: () => Promise<void> }[] = [];
const root = mkdtempSync(path.join(os.tmpdir(), 'ppa-guesses-'));
let dirs = 0;
engines.push({ name: 'embedded', setUp: () => Promise.resolve(), options: () => ({ store: 'embedded', dataDir: path.join(root, String((dirs += 1))), redisUrl: '' }), tearDown: () => Promise.resolve(rmSync(root, { recursive: true, force: true })) });
const prefix = randomKeyPrefix('guesses');
let namespaces = 0;
engines.push({
  name: 'redis',
  setUp: (ctx) => requireRedis(ctx),
  options: () => ({ store: 'redis', dataDir: '', redisUrl: redisUrl(), keyPrefix: `${prefix}${(namespaces += 1)}:` }),
  tearDown: async () => {
    if ((await redisProblem()) === undefined) await deleteKeysWithPrefix(prefix);
  },
});

for (const engine of engines) {
  describe(`WeChat binding guesses (${engine.name})`, function () {
    this.timeout(120_000);
    let store: StoreEngine;
    let clock: number;
    let bindings: WechatBindings;

    before(async function () {
      await engine.setUp(this);
    });
    beforeEach(async () => {
      store = await openStore(engine.options());
      clock = Date.parse('2026-12-01T08:00:00Z');
      bindings = new WechatBindings(store.kv, store.audit, 'test-salt', () => new Date(clock));
    });
    afterEach(async () => store.close());
    after(async () => engine.tearDown());

    it('the 40-openid attack (200 guesses, the right code among them) binds nobody and is refused after the budget', async () => {
      const { code } = await bindings.issueCode(ISSUER);
      const guesses = wrongCodes(code, 199);
      guesses.splice(150, 0, code); // a brute force that would have found it
      const outcomes: BindOutcome[] = [];
      for (const [i, guess] of guesses.entries()) outcomes.push(await bindings.bind(`o-attacker-${i % 40}`, guess));

      assert.equal(outcomes.filter((o) => o.kind === 'bound').length, 0);
      assert.equal(outcomes.filter((o) => o.kind === 'invalid').length, GLOBAL_FAILURE_BUDGET - 0, 'wrong guesses answered as such until the budget is spent');
      assert.equal(outcomes.slice(GLOBAL_FAILURE_BUDGET).every((o) => o.kind === 'locked'), true, 'every guess after the budget is refused');
      // A real user after the window: the code was void long before.
      clock += GLOBAL_WINDOW_MS;
      assert.equal((await bindings.bind('o-real-user', code)).kind, 'invalid');
    });

    it(`voids a code after ${MAX_WRONG_GUESSES_PER_CODE} wrong guesses by anyone, and not after fewer`, async () => {
      const { code: survivor } = await bindings.issueCode(ISSUER);
      for (const [i, guess] of wrongCodes(survivor, MAX_WRONG_GUESSES_PER_CODE - 1).entries()) assert.equal((await bindings.bind(`o-a${i}`, guess)).kind, 'invalid');
      assert.equal((await bindings.bind('o-user-1', survivor)).kind, 'bound', `${MAX_WRONG_GUESSES_PER_CODE - 1} wrong guesses leave the code usable`);

      const { code } = await bindings.issueCode(ISSUER);
      for (const [i, guess] of wrongCodes(code, MAX_WRONG_GUESSES_PER_CODE).entries()) assert.equal((await bindings.bind(`o-b${i}`, guess)).kind, 'invalid');
      assert.equal((await bindings.bind('o-user-2', code)).kind, 'invalid', 'void after five wrong guesses, each from another openid');
      assert.equal(await bindings.bindingOf('o-user-2'), undefined);
    });

    it('a code issued after the wrong guesses is not voided by them', async () => {
      const { code: first } = await bindings.issueCode(ISSUER);
      for (const [i, guess] of wrongCodes(first, MAX_WRONG_GUESSES_PER_CODE).entries()) await bindings.bind(`o-c${i}`, guess);
      const { code } = await bindings.issueCode(ISSUER);
      assert.equal((await bindings.bind('o-user-3', code)).kind, 'bound');
    });

    it('still locks one openid after five wrong codes', async () => {
      const { code } = await bindings.issueCode(ISSUER);
      const outcomes = [];
      for (const guess of wrongCodes(code, 5)) outcomes.push((await bindings.bind('o-one', guess)).kind);
      assert.deepEqual(outcomes, ['invalid', 'invalid', 'invalid', 'invalid', 'locked']);
      assert.equal((await bindings.bind('o-one', code)).kind, 'locked');
    });
  });
}
