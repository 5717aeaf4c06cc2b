/**
 * Issue 13 item 3: what one turn costs the store, counted on the wire between the real server and a
 * real Redis (a RESP-counting proxy in between), never timed. A view turn reads the conversation
 * and user state in the same round trip as the identity look-up, then the publisher once; it writes
 * state only when the turn changed it, both keys in one round trip. Conversation state stays small.
 */
import assert from 'node:assert/strict';
import { createClient } from 'redis';
import { demoPublisher, PLAYGROUND_USER } from '../../src/demo/demoPublisher';
import { openStore } from '../../src/store/openStore';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl, requireRedis } from '../helpers/redis';
import { RedisWireCounter, type WireTally } from '../helpers/redisWire';
import { HttpChannel, RunningServer } from '../helpers/server';

const STATE_BUDGET_BYTES = 4096;

describe('store round trips and state size per turn (real server, real Redis)', function () {
  this.timeout(90_000);
  const prefix = randomKeyPrefix('turn-cost');
  let wire: RedisWireCounter;
  let server: RunningServer;
  let chat: HttpChannel;
  let firstTurn: WireTally;

  before(async function () {
    await requireRedis(this);
    const seed = await openStore({ store: 'redis', dataDir: '', redisUrl: redisUrl(), keyPrefix: prefix });
    await seed.publishers.put(demoPublisher, 'new');
    await seed.close();
    wire = await RedisWireCounter.start(redisUrl());
    server = await RunningServer.start({ STORE: 'redis', REDIS_URL: wire.url, REDIS_KEY_PREFIX: prefix });
    chat = new HttpChannel(server, { objectId: PLAYGROUND_USER.objectId, name: PLAYGROUND_USER.name }, 'en-US');
    firstTurn = await turn({ text: 'menu' }); // the first turn creates the state
  });
  after(async () => {
    await server?.stop();
    await wire?.stop();
    await deleteKeysWithPrefix(prefix);
  });

  /** One turn, answered 200; what it sent to Redis. */
  async function turn(activity: Record<string, unknown>): Promise<WireTally> {
    wire.reset();
    const { status } = await chat.post({ type: 'message', deliveryMode: 'expectReplies', ...activity });
    assert.equal(status, 200);
    return wire.reset();
  }

  const reads = (tally: WireTally, keyPart: string): number =>
    tally.commands.filter((c) => c.name === 'HGETALL' && (c.firstArg ?? '').includes(keyPart)).length;
  const writes = (tally: WireTally): number => tally.commands.filter((c) => c.name === 'EVALSHA' || c.name === 'EVAL').length;

  const registryCommands = (tally: WireTally): number =>
    tally.commands.filter((c) => [c.firstArg, c.scriptKey].some((key) => key?.includes('kv:residue:'))).length;

  it("a conversation's first turn registers it for the publisher: the registry read, then written", () => {
    assert.equal(reads(firstTurn, 'kv:residue:'), 1);
    assert.ok(registryCommands(firstTurn) >= 2, `${registryCommands(firstTurn)} registry commands`);
  });

  const VIEW_TURNS: [string, Record<string, unknown>][] = [
    ['menu', { text: 'menu' }],
    ['contact view', { value: { verb: 'contact.view' } }],
    ['offers list', { value: { verb: 'offer.list' } }],
    ['records page', { value: { verb: 'record.list', page: 0 } }],
  ];

  for (const [name, activity] of VIEW_TURNS) {
    it(`a ${name} turn: look-up and state in one round trip, the publisher read once, state written in one more`, async () => {
      const tally = await turn(activity);
      assert.equal(tally.commands.filter((c) => c.name === 'SMEMBERS').length, 1, 'one index read for the identity');
      assert.equal(reads(tally, `pub:{${demoPublisher.id}}`), 1, 'the publisher is read once');
      assert.equal(reads(tally, 'kv:state:'), 2, 'conversation and user state, read once each');
      // 1: index + both states; 2: the publisher; 3: the state write, when the turn changed the state.
      assert.ok(tally.roundTrips <= (writes(tally) > 0 ? 3 : 2), `${tally.roundTrips} round trips, ${writes(tally)} writes`);
      assert.ok(writes(tally) <= 2, 'at most the two state keys are written');
      // The conversation registered itself for the publisher on its first turn; it does not again each turn.
      assert.equal(registryCommands(tally), 0, 'no registry traffic');
    });
  }

  it('the same view again changes no state: two round trips, no write', async () => {
    await turn({ text: 'menu' });
    const tally = await turn({ text: 'menu' });
    assert.equal(writes(tally), 0);
    assert.equal(tally.roundTrips, 2);
  });

  it('a contact save (a correction, not an erasure) sweeps the old value from the registered entries without a scan, and writes the publisher in one script, its indexes untouched', async () => {
    // Two saves, so each changes the phone (the second puts it back).
    for (const phone of ['+8613900139000', demoPublisher.contacts[0]?.phone ?? '']) {
      const edit = await chat.post({ type: 'message', deliveryMode: 'expectReplies', value: { verb: 'contact.edit' } });
      const v = /\\?"v\\?":\\?"([^"\\]+)/.exec(JSON.stringify(edit.body))?.[1];
      assert.ok(v !== undefined, 'the edit form carries the version');
      const [first, second] = demoPublisher.contacts;
      const tally = await turn({
        value: {
          verb: 'contact.save', v, rows: 2, companyName: demoPublisher.companyName, creditCode: demoPublisher.creditCode,
          'contact.0.name': first?.name, 'contact.0.phone': phone, 'contact.0.email': first?.email,
          'contact.1.name': second?.name, 'contact.1.phone': second?.phone, 'contact.1.email': second?.email,
        },
      });
      const names = tally.commands.map((c) => c.name);
      // The corrected value must leave stored answers (issue 11 item 12): the sweep reads the entries
      // registered for this publisher by name, so it scans nothing (and KEYS, blocking, never).
      assert.deepEqual(names.filter((name) => name === 'KEYS' || name === 'SCAN'), [], 'no KEYS, no SCAN');
      assert.equal(reads(tally, 'kv:residue:'), 1, "the sweep reads the publisher's residue registry once");
      const scripts = tally.commands.filter((c) => c.name === 'EVALSHA' || c.name === 'EVAL');
      assert.equal(scripts.filter((c) => (c.scriptKey ?? '').endsWith(`pub:{${demoPublisher.id}}`)).length, 1, 'the publisher is written once');
      assert.deepEqual(scripts.filter((c) => c.scriptKey === `${prefix}publishers` || (c.scriptKey ?? '').startsWith(`${prefix}idx:`)).map((c) => c.scriptKey), [], 'no index write: the accounts did not change');
      // 1: look-up and states; 2: the publisher; 3: its write; 4: audit entry; 5: the registry; 6: the one registered
      // conversation's state (its own); 7: the state write; 8: the view's re-read.
      assert.ok(tally.roundTrips <= 8, `${tally.roundTrips} round trips: ${names.join(' ')}`);
    }
  });

  it(`a conversation's state (conversation and user keys) takes at most ${STATE_BUDGET_BYTES} bytes in Redis`, async () => {
    for (const [, activity] of VIEW_TURNS) await turn(activity);
    await turn({ value: { verb: 'contact.edit' } });
    const client = createClient({ url: redisUrl() });
    await client.connect();
    try {
      const keys: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: `${prefix}kv:state:*`, COUNT: 1_000 })) keys.push(...batch);
      assert.equal(keys.length, 2, keys.join(', '));
      let bytes = 0;
      for (const key of keys) bytes += (await client.memoryUsage(key)) ?? Number.POSITIVE_INFINITY;
      assert.ok(bytes <= STATE_BUDGET_BYTES, `${bytes} bytes (MEMORY USAGE) for ${keys.length} keys`);
    } finally {
      await client.close();
    }
  });
});
