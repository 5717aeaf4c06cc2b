/**
 * Seeded fuzzing of the real server (issue 9): thousands of mutated activities, invokes and WeChat
 * callbacks. Nothing may answer ≥ 500, the process must live, memory must stay bounded, and no
 * publisher's data may change. `npm run fuzz -- --count 100000 --seed N` runs a longer campaign.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/openStore';
import { homePublisher, rivalPublisher } from '../helpers/fixtures';
import { runFuzzCampaign } from '../helpers/fuzzRun';
import { MiB, processMemory } from '../helpers/processMemory';
import { publisherSnapshot } from '../helpers/publisherSnapshot';
import { FakeConnector, RunningServer } from '../helpers/server';
import { WECHAT, wechatEnv } from '../helpers/wechat';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const AUDIT_SALT = 'fuzz-test-salt';

describe('Fuzzing the HTTP edge (seeded)', function () {
  this.timeout(300_000);
  let dataDir: string;
  let connector: FakeConnector;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-fuzz-'));
    connector = await FakeConnector.start();
  });
  after(async () => {
    await connector.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`answers 2,000 mutated activities and 1,000 mutated WeChat callbacks (seed ${SEED}) without a 5xx, a crash, unbounded memory or a changed publisher`, async () => {
    const store = await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://unused' });
    await store.publishers.put(homePublisher, 'new');
    await store.publishers.put(rivalPublisher, 'new');
    const before = await publisherSnapshot(store, AUDIT_SALT);
    await store.close();

    const server = await RunningServer.start(wechatEnv('plain', { DATA_DIR: dataDir, AUDIT_SALT, DEMO_DATA: 'off' }));
    let result;
    let growth = 0;
    try {
      // A short warm-up first, so the baseline includes what the first turns load once.
      await runFuzzCampaign({ baseUrl: server.url, seed: SEED + 1, activities: 60, wechatRequests: 30, connectorUrl: connector.url, wechat: WECHAT, concurrency: 4 });
      const baseline = await processMemory(server.pid);
      result = await runFuzzCampaign({ baseUrl: server.url, seed: SEED, activities: 2000, wechatRequests: 1000, connectorUrl: connector.url, wechat: WECHAT, concurrency: 4 });
      growth = (await processMemory(server.pid)).rssBytes - baseline.rssBytes;
      assert.ok(server.alive, `the server process ended:\n${server.output.slice(-3000)}`);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    } finally {
      assert.equal(await server.stop('SIGTERM', false), 0, 'the server exits cleanly after the run');
    }

    assert.equal(result.sent, 3000);
    assert.deepEqual(result.findings, [], `answers ≥ 500 or none at all (statuses: ${JSON.stringify(result.statuses)})`);
    assert.ok(growth < 150 * MiB, `RSS grew by ${Math.round(growth / MiB)} MiB over the run`);
    // The mix reached the turn path on both endpoints, not only the gates.
    assert.ok((result.statuses['activity 200'] ?? 0) >= 400, `too few activities reached a turn: ${JSON.stringify(result.statuses)}`);
    assert.ok((result.statuses['wechat 200'] ?? 0) >= 200, `too few WeChat callbacks reached a turn: ${JSON.stringify(result.statuses)}`);

    const reopened = await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://unused' });
    try {
      assert.equal(await publisherSnapshot(reopened, AUDIT_SALT), before, 'a publisher’s data changed during the run');
    } finally {
      await reopened.close();
    }
  });
});
