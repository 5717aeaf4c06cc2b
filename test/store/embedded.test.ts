/**
 * The embedded engine: the shared contract, plus what only files have (crash safety, stale locks,
 * expired and erased data really gone from disk, no personal data in file names).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sinon from 'sinon';
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/embeddedStore';
import { ExpiryIndex } from '../../src/store/embedded/expiryIndex';
import { aadKey, indexKeysOf } from '../../src/store/embedded/publisherIndex';
import type { OpenStoreOptions } from '../../src/store/openStore';
import { startWorker } from './childProcesses';
import { describeStoreContract } from './contract';
import { DEMO_PERSONAL_VALUES, demoPublisher } from './demoPublisher';

const root = mkdtempSync(path.join(os.tmpdir(), 'ppa-store-'));
let namespaces = 0;

/** Options for a fresh data directory under this run's temp root. */
function freshOptions(): OpenStoreOptions {
  namespaces += 1;
  return { store: 'embedded', dataDir: path.join(root, `store-${namespaces}`), redisUrl: '' };
}

describeStoreContract('embedded', {
  setUp: () => Promise.resolve(),
  freshOptions,
  tearDown: () => Promise.resolve(), // the root hook below removes every directory at the end
});

// A root-level hook: runs once after every suite, including ones filtered out by --grep.
after(() => fs.rm(root, { recursive: true, force: true }));

/** Every file under `dir`, recursively. */
async function allFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(result.stdout);
}

describe('embedded engine', () => {
  let dataDir = '';
  beforeEach(() => {
    dataDir = freshOptions().dataDir;
  });

  it('keeps data across a restart', async () => {
    const first = await createEmbeddedStore(dataDir);
    await first.publishers.put(demoPublisher(), 'new');
    await first.kv.put('k', { a: 1 });
    await first.close();
    const second = await createEmbeddedStore(dataDir);
    assert.equal((await second.publishers.get('contoso-cn'))?.version, 1);
    assert.deepEqual((await second.kv.get('k'))?.value, { a: 1 });
    await second.close();
  });

  it('names no file after personal data, and leaves none on disk after an erasure', async () => {
    const store = await createEmbeddedStore(dataDir);
    await store.publishers.put(demoPublisher(), 'new');
    await store.kv.put('state:wechat/users/oPersonalOpenId123/', { upn: 'alexw@example.com' });
    await store.audit.append({ at: new Date().toISOString(), actor: 'h:1', publisherId: 'contoso-cn', action: 'export', fields: ['contacts'] });
    const names = (await allFiles(dataDir)).map((file) => path.relative(dataDir, file)).join('\n');
    for (const value of [...DEMO_PERSONAL_VALUES, 'oPersonalOpenId123']) assert.ok(!names.includes(value), `a file name holds ${value}`);

    await store.publishers.delete('contoso-cn', 1);
    await store.kv.delete('state:wechat/users/oPersonalOpenId123/');
    for (const file of await allFiles(dataDir)) {
      const text = await fs.readFile(file, 'utf8');
      for (const value of [...DEMO_PERSONAL_VALUES, 'oPersonalOpenId123']) assert.ok(!text.includes(value), `${file} still holds ${value}`);
    }
    await store.close();
  });

  it('deletes expired entries from disk: on read, and by the sweep without a read', async () => {
    const store = await createEmbeddedStore(dataDir, { sweepIntervalMs: 0 });
    // On a fake clock (Date only): the sweep takes an entry once its minute's bucket has passed.
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    try {
      await store.kv.put('read-me', 1, { ttlMs: 50 });
      await store.kv.put('sweep-me', 2, { ttlMs: 50, disposable: true });
      await store.kv.put('keep-me', 3);
      assert.equal((await fs.readdir(store.layout.kvDir)).length, 3);
      clock.tick(100);
      assert.equal(await store.kv.get('read-me'), undefined, 'read-me expired');
      assert.equal((await fs.readdir(store.layout.kvDir)).length, 2);
      clock.tick(61_000);
      assert.equal(await store.kv.sweepExpired(), 1, 'the sweep removed sweep-me');
      assert.equal((await fs.readdir(store.layout.kvDir)).length, 1);
    } finally {
      clock.restore();
      await store.close();
    }
  });

  it('recovers a lock left by a dead process', async () => {
    const store = await createEmbeddedStore(dataDir);
    await store.publishers.put(demoPublisher(), 'new');
    const lock = store.layout.publisherLock('contoso-cn');
    await fs.writeFile(lock, JSON.stringify({ pid: deadPid(), host: os.hostname(), token: 'dead' }));
    assert.equal(await store.publishers.put(demoPublisher(), 1), 2);
    await assert.rejects(fs.access(lock));
    await store.close();
  });

  it('recovers a lock left by an earlier process that had our pid (a restarted container)', async () => {
    const store = await createEmbeddedStore(dataDir);
    await store.publishers.put(demoPublisher(), 'new');
    await fs.writeFile(store.layout.publisherLock('contoso-cn'), JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'previous-life' }));
    assert.equal(await store.publishers.put(demoPublisher(), 1), 2);
    await store.close();
  });

  it('waits for a lock held by a live process rather than breaking it', async () => {
    const store = await createEmbeddedStore(dataDir, { timeoutMs: 300 });
    await store.publishers.put(demoPublisher(), 'new');
    const lock = store.layout.publisherLock('contoso-cn');
    // Our parent process (mocha's launcher) is alive for the whole test.
    await fs.writeFile(lock, JSON.stringify({ pid: process.ppid, host: os.hostname(), token: 'someone-else' }));
    await assert.rejects(store.publishers.put(demoPublisher(), 1), /timed out waiting for lock/);
    assert.equal((await store.publishers.get('contoso-cn'))?.version, 1);
    await fs.rm(lock);
    await store.close();
  });

  it('ignores an audit line torn by a crash and appends cleanly after it', async () => {
    const store = await createEmbeddedStore(dataDir);
    const entry = { at: '2024-05-01T00:00:00.000Z', actor: 'operator', publisherId: 'contoso-cn', action: 'a', fields: [] };
    await store.audit.append(entry);
    await fs.appendFile(store.layout.auditFile('contoso-cn'), '{"at":"2024-05-02T00:00:00.000Z","act');
    assert.deepEqual(await store.audit.list('contoso-cn'), [entry]);
    await store.audit.append({ ...entry, action: 'b' });
    assert.deepEqual(
      (await store.audit.list('contoso-cn')).map((e) => e.action),
      ['b', 'a'],
    );
    await store.close();
  });

  it('removes temp files of dead writers when it opens', async () => {
    const store = await createEmbeddedStore(dataDir);
    await store.close();
    const orphan = path.join(store.layout.kvDir, `x.json.${deadPid()}.abcdef.tmp`);
    await fs.writeFile(orphan, '{"half');
    await (await createEmbeddedStore(dataDir)).close();
    await assert.rejects(fs.access(orphan));
  });

  it('repairs at open the index changes a killed writer left pending', async () => {
    const store = await createEmbeddedStore(dataDir, { sweepIntervalMs: 0 });
    await store.publishers.put(demoPublisher(), 'new');
    await store.close();
    // As a writer killed between its steps leaves it: an account added to the index but never
    // written to the publisher, and one the publisher holds whose entry is missing.
    const ghost = aadKey('ghost-account');
    const held = aadKey('3f2a7c1e-8b4d-4e21-9a55-0c6d2f1b7e90');
    await fs.writeFile(store.layout.indexFile(ghost), JSON.stringify({ ids: ['contoso-cn'] }));
    await fs.rm(store.layout.indexFile(held));
    await fs.writeFile(store.layout.pendingIndexFile('contoso-cn'), JSON.stringify({ keys: [ghost, held] }));
    const reopened = await createEmbeddedStore(dataDir, { sweepIntervalMs: 0 });
    assert.deepEqual(await reopened.publishers.findByAadObjectId('ghost-account'), []);
    assert.deepEqual(await reopened.publishers.findByAadObjectId('3f2a7c1e-8b4d-4e21-9a55-0c6d2f1b7e90'), ['contoso-cn']);
    await assertIndexMatchesFiles(reopened);
    await reopened.close();
  });

  it('rebuilds a deleted index from the publisher files at open', async () => {
    const store = await createEmbeddedStore(dataDir, { sweepIntervalMs: 0 });
    await store.publishers.put(demoPublisher(), 'new');
    await store.publishers.put(demoPublisher('fabrikam', [{ objectId: 'fab-1', upn: 'alexw@example.com' }]), 'new');
    await store.close();
    await fs.rm(store.layout.indexDir, { recursive: true });
    const reopened = await createEmbeddedStore(dataDir, { sweepIntervalMs: 0 });
    assert.deepEqual(await reopened.publishers.findByUpn('alexw@example.com'), ['contoso-cn', 'fabrikam']);
    await assertIndexMatchesFiles(reopened);
    await reopened.close();
  });

  it('loses no acknowledged write and corrupts nothing when the writer is killed with SIGKILL', async function () {
    this.timeout(120_000);
    const setup = await createEmbeddedStore(dataDir);
    await setup.publishers.put(demoPublisher(), 'new');
    await setup.close();
    // Several rounds, each killed at a different (random) point of its write loop.
    for (const [round, killAfter] of [5, 9, 13, 17, 21, 25].entries()) await crashRound(dataDir, `r${round}`, killAfter);
  });
});

/**
 * Every index entry on disk equals what the publisher files say, and no change is left pending:
 * the index a crashed writer left was repaired when the store opened.
 */
async function assertIndexMatchesFiles(store: EmbeddedStore): Promise<void> {
  const expected = new Map<string, string[]>();
  for (const id of await store.publishers.listIds()) {
    for (const key of indexKeysOf((await store.publishers.get(id))?.publisher)) expected.set(key, [...(expected.get(key) ?? []), id]);
  }
  const onDisk = new Map<string, string[]>();
  for (const name of (await fs.readdir(store.layout.indexDir)).filter((n) => n.endsWith('.json'))) {
    const { ids } = JSON.parse(await fs.readFile(path.join(store.layout.indexDir, name), 'utf8')) as { ids: string[] };
    onDisk.set(name.slice(0, -'.json'.length), ids);
  }
  assert.deepEqual(onDisk, new Map([...expected].map(([key, ids]) => [key, ids.sort()])));
  assert.deepEqual(await fs.readdir(store.layout.pendingIndexDir), []);
}

/** Every key-value entry with an expiry has its marker, so the sweep will find it. */
async function assertEveryExpiryMarked(store: EmbeddedStore): Promise<void> {
  const expiry = new ExpiryIndex(store.layout.expiryDir);
  for (const name of (await fs.readdir(store.layout.kvDir)).filter((n) => n.endsWith('.json'))) {
    const record = JSON.parse(await fs.readFile(path.join(store.layout.kvDir, name), 'utf8')) as { expiresAt?: number };
    if (record.expiresAt !== undefined) await fs.access(expiry.markerFile(record.expiresAt, name.slice(0, -'.json'.length)));
  }
}

/** Runs a writer until it acknowledged `killAfter` writes, kills it, and checks what it left. */
async function crashRound(dataDir: string, tag: string, killAfter: number): Promise<void> {
  const worker = startWorker('crash', { store: 'embedded', dataDir, redisUrl: '' }, ['contoso-cn', tag]);
  await worker.waitFor((line) => line === `ack ${killAfter}`);
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
  worker.child.kill('SIGKILL');
  assert.equal(await worker.exited, 'SIGKILL');
  const acked = worker.lines.filter((line) => line.startsWith('ack ')).map((line) => Number(line.slice(4)));

  const store = await createEmbeddedStore(dataDir);
  const offers = new Set((await store.publishers.get('contoso-cn'))?.publisher.offers.map((o) => o.id));
  for (const i of acked) {
    assert.deepEqual((await store.kv.get(`crash:${tag}:${i}`))?.value, { i, note: 'x'.repeat(2_000) });
    assert.ok(offers.has(`${tag}-${i}`), `offer ${tag}-${i} was acknowledged but is missing`);
  }
  // The acknowledged write's accounts are found by the index; the one it replaced is not.
  const last = acked.at(-1);
  if (last !== undefined) {
    assert.deepEqual(await store.publishers.findByAadObjectId(`crash-${tag}-${last}`), ['contoso-cn']);
    assert.deepEqual(await store.publishers.findByUpn(`crash-${tag}-${last}@example.com`), ['contoso-cn']);
    if (last >= 2) assert.deepEqual(await store.publishers.findByAadObjectId(`crash-${tag}-${last - 2}`), []);
  }
  await assertIndexMatchesFiles(store);
  await assertEveryExpiryMarked(store);
  const audited = (await store.audit.list('contoso-cn')).filter((entry) => entry.fields[0]?.startsWith(`offers[${tag}-`));
  assert.ok(audited.length >= acked.length);
  for (const file of await allFiles(dataDir)) {
    const text = await fs.readFile(file, 'utf8');
    // Expiry markers carry everything in their path: they are empty.
    if (file.startsWith(store.layout.expiryDir + path.sep) && !file.endsWith(`${path.sep}built`)) {
      assert.equal(text, '', `${file} is not an empty marker`);
      continue;
    }
    const lines = file.endsWith('.jsonl') ? text.split('\n').filter((line) => line !== '') : [text];
    for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `${file} does not parse`);
  }
  await store.close();
}
