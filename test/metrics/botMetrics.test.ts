/** The metrics API: labels stay in their fixed vocabulary, and the store wrapper times every command and tells conflicts from errors. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { boundedLabel, metrics, registry } from '../../src/metrics/botMetrics';
import { openStore } from '../../src/store/openStore';
import { ConflictError } from '../../src/store/types';
import { demoPublisher } from '../../src/demo/demoPublisher';

/** One series' value in the exposition text, 0 while it does not exist. */
async function value(name: string, labels: Record<string, string>): Promise<number> {
  const wanted = Object.entries(labels).map(([key, label]) => `${key}="${label}"`);
  const line = (await registry.metrics()).split('\n').find((entry) => entry.startsWith(`${name}{`) && wanted.every((pair) => entry.includes(pair)));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('metrics', () => {
  it('maps any value outside the fixed list to "other", so a client cannot make labels', () => {
    assert.equal(boundedLabel('msteams', ['msteams', 'wechat']), 'msteams');
    assert.equal(boundedLabel('13800138000', ['msteams', 'wechat']), 'other');
    assert.equal(boundedLabel(undefined, ['msteams']), 'other');
  });

  it('counts a turn on an unknown channel and kind under "other"', async () => {
    const before = await value('ppa_turns_total', { channel: 'other', kind: 'other', outcome: 'error' });
    metrics.turn('alice@example.com', 'x-custom', 'error', 0.01);
    assert.equal(await value('ppa_turns_total', { channel: 'other', kind: 'other', outcome: 'error' }), before + 1);
  });

  it('times every store command through openStore, with conflicts apart from errors', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-metrics-'));
    const store = await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://127.0.0.1:6379' });
    try {
      const labels = (operation: string, outcome: string) => ({ engine: 'embedded', operation, outcome });
      const okBefore = await value('ppa_store_command_duration_seconds_count', labels('publishers.put', 'ok'));
      const conflictBefore = await value('ppa_store_command_duration_seconds_count', labels('publishers.put', 'conflict'));
      await store.publishers.put(demoPublisher, 'new');
      await assert.rejects(store.publishers.put(demoPublisher, 'new'), ConflictError);
      assert.equal(await value('ppa_store_command_duration_seconds_count', labels('publishers.put', 'ok')), okBefore + 1);
      assert.equal(await value('ppa_store_command_duration_seconds_count', labels('publishers.put', 'conflict')), conflictBefore + 1);

      const errorsBefore = await value('ppa_store_command_errors_total', { engine: 'embedded', operation: 'kv.put' });
      await assert.rejects(store.kv.put('k', { cyclic: 1n }));
      assert.equal(await value('ppa_store_command_errors_total', { engine: 'embedded', operation: 'kv.put' }), errorsBefore + 1);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
