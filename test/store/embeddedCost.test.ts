/**
 * What the embedded engine's look-ups and expiry sweep cost, counted in files read (never timed):
 * the same at 10 publishers as at 2,000, the sweep reads what expired, not what is alive, and a
 * correction reads the entries registered for its publisher, not every conversation's.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sinon from 'sinon';
import { PublisherAccess } from '../../src/service/access';
import { WechatBindings } from '../../src/service/wechatBindings';
import { PrivacyService } from '../../src/service/privacyService';
import { ResidueRegistry } from '../../src/service/residueRegistry';
import { contactInfoVersion } from '../../src/domain/partVersions';
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/embeddedStore';
import { ExpiryIndex } from '../../src/store/embedded/expiryIndex';
import { StoreLayout } from '../../src/store/embedded/layout';
import { aadKey } from '../../src/store/embedded/publisherIndex';
import { demoPublisher } from './demoPublisher';

const root = mkdtempSync(path.join(os.tmpdir(), 'ppa-cost-'));
after(() => fs.rm(root, { recursive: true, force: true }));
let dirs = 0;

/** Counts the files the engine reports: those it opens to read (onFileRead) or syncs (onSync). */
class FileCounter {
  files: string[] = [];
  readonly observe = (file: string): void => void this.files.push(file);
  /** The files reported while `work` ran. */
  async during(work: () => Promise<unknown>): Promise<string[]> {
    this.files = [];
    await work();
    return this.files;
  }
}

function objectIdOf(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

/**
 * A data directory holding `count` publisher files written as the engine writes them, but without
 * the engine (2,000 durable puts would take minutes here): opening it must build the index from them.
 */
async function generatedStore(count: number, counter: FileCounter): Promise<EmbeddedStore> {
  dirs += 1;
  const layout = new StoreLayout(path.join(root, `store-${dirs}`));
  await fs.mkdir(layout.publishersDir, { recursive: true });
  for (let i = 0; i < count; i += 1) {
    const publisher = demoPublisher(`pub-${i}`, [{ objectId: objectIdOf(i), upn: `admin${i}@pub${i}.example.cn`, displayName: `Admin ${i}` }]);
    await fs.writeFile(layout.publisherFile(publisher.id), JSON.stringify({ version: 1, publisher }));
  }
  return createEmbeddedStore(layout.dataDir, { sweepIntervalMs: 0, onFileRead: counter.observe });
}

describe('embedded engine costs (files read)', function () {
  this.timeout(120_000);
  // Fake clocks the tests below start (only Date: the file system's own timers still run).
  let clocks: sinon.SinonFakeTimers[] = [];
  afterEach(() => {
    for (const clock of clocks) clock.restore();
    clocks = [];
  });
  function fakeDate(): sinon.SinonFakeTimers {
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    clocks.push(clock);
    return clock;
  }

  // Opened once per size (building the index of 2,000 publishers takes a while on a busy machine).
  const opened = new Map<number, { store: EmbeddedStore; counter: FileCounter; readAtOpen: string[] }>();
  before(async () => {
    for (const count of [10, 2_000]) {
      const counter = new FileCounter();
      const store = await generatedStore(count, counter);
      opened.set(count, { store, counter, readAtOpen: counter.files });
    }
  });
  after(() => Promise.all([...opened.values()].map(({ store }) => store.close())));

  for (const count of [10, 2_000]) {
    it(`a look-up among ${count} publishers reads one file: by objectId, by UPN, by id, a WeChat binding`, async () => {
      const { store, counter } = opened.get(count)!;
      const target = count - 3;
      const publisherFile = store.layout.publisherFile(`pub-${target}`);
      const indexFile = (key: string): string => store.layout.indexFile(key);

      assert.deepEqual(await counter.during(async () => assert.deepEqual(await store.publishers.findByAadObjectId(objectIdOf(target)), [`pub-${target}`])), [
        indexFile(aadKey(objectIdOf(target))),
      ]);
      const byUpn = await counter.during(async () => assert.deepEqual(await store.publishers.findByUpn(`ADMIN${target}@pub${target}.example.cn`), [`pub-${target}`]));
      assert.equal(byUpn.length, 1);
      assert.deepEqual(await counter.during(async () => assert.equal((await store.publishers.get(`pub-${target}`))?.version, 1)), [publisherFile]);
      const unknown = await counter.during(async () => assert.deepEqual(await store.publishers.findByAadObjectId('not-a-known-account'), []));
      assert.equal(unknown.length, 1);

      // Who is talking, as a Teams turn asks it: the index entry, then that publisher's record.
      const access = new PublisherAccess(store.publishers, 'salt');
      const memberships = await counter.during(async () =>
        assert.equal((await access.membershipsOf({ channel: 'aad', objectId: objectIdOf(target) })).length, 1),
      );
      assert.deepEqual(memberships, [indexFile(aadKey(objectIdOf(target))), publisherFile]);

      // A WeChat turn: the binding is one key-value file.
      const bindings = new WechatBindings(store.kv, store.audit, 'salt');
      const binding = await counter.during(async () => assert.equal(await bindings.bindingOf('oStrangerOpenId0000000000001'), undefined));
      assert.equal(binding.length, 1);
    });
  }

  it('builds the index from 2,000 publisher files once, at open, and never again', async () => {
    const { store: first, counter, readAtOpen } = opened.get(2_000)!;
    assert.equal(new Set(readAtOpen.filter((file) => file.startsWith(first.layout.publishersDir))).size, 2_000, 'the build read every publisher');
    const reopened = await counter.during(async () => (await createEmbeddedStore(first.layout.dataDir, { sweepIntervalMs: 0, onFileRead: counter.observe })).close());
    assert.deepEqual(reopened.filter((file) => file.startsWith(first.layout.publishersDir)), []);
  });

  it('the expiry sweep reads the entries that expired, not the 300 still alive', async () => {
    dirs += 1;
    const counter = new FileCounter();
    const store = await createEmbeddedStore(path.join(root, `store-${dirs}`), { sweepIntervalMs: 0, onFileRead: counter.observe });
    // On a fake clock: an entry is swept once its minute's bucket has fully passed, a wait not worth spending.
    const clock = fakeDate();
    for (let i = 0; i < 200; i += 1) await store.kv.put(`state:alive:${i}`, { i }, { ttlMs: 3_600_000 });
    for (let i = 0; i < 100; i += 1) await store.kv.put(`state:forever:${i}`, { i });
    for (let i = 0; i < 3; i += 1) await store.kv.put(`state:short:${i}`, { i }, { ttlMs: 20 });
    clock.tick(61_000);
    assert.equal(await store.kv.sweepExpired(), 3, 'the three short entries were swept');
    const shortFiles = [0, 1, 2].map((i) => store.layout.kvFile(`state:short:${i}`)).sort();
    const quiet = await counter.during(() => store.kv.sweepExpired());
    assert.deepEqual(quiet, [], 'a sweep with nothing due reads no entry');
    for (const file of shortFiles) await assert.rejects(fs.access(file));
    assert.equal((await store.kv.keys('state:')).length, 300);

    // Counted on a fresh round: what it reads are exactly the due entries.
    for (let i = 0; i < 3; i += 1) await store.kv.put(`state:again:${i}`, { i }, { ttlMs: 20 });
    const dueFiles = [0, 1, 2].map((i) => store.layout.kvFile(`state:again:${i}`)).sort();
    clock.tick(61_000);
    const read = await counter.during(async () => assert.equal(await store.kv.sweepExpired(), 3));
    assert.deepEqual([...new Set(read)].sort(), dueFiles);
    await store.close();
  });

  it('a renewed entry is not swept at its old expiry, and its old marker goes', async () => {
    dirs += 1;
    const store = await createEmbeddedStore(path.join(root, `store-${dirs}`), { sweepIntervalMs: 0 });
    const clock = fakeDate();
    await store.kv.put('state:renewed', { v: 1 }, { ttlMs: 20 });
    await store.kv.put('state:renewed', { v: 2 }, { ttlMs: 3_600_000 });
    clock.tick(61_000); // the old expiry's bucket has passed
    assert.equal(await store.kv.sweepExpired(), 0);
    assert.deepEqual((await store.kv.get('state:renewed'))?.value, { v: 2 });
    const markers = (await fs.readdir(store.layout.expiryDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    assert.equal(markers.length, 1, 'one marker: the current expiry');
    await store.close();
  });

  it('an entry written before the expiry index existed is still swept (the index is built at open)', async () => {
    dirs += 1;
    const dataDir = path.join(root, `store-${dirs}`);
    const first = await createEmbeddedStore(dataDir, { sweepIntervalMs: 0 });
    const clock = fakeDate();
    await first.kv.put('state:old', 1, { ttlMs: 20 });
    await first.close();
    await fs.rm(first.layout.expiryDir, { recursive: true }); // as a data directory from before it
    const second = await createEmbeddedStore(dataDir, { sweepIntervalMs: 0 });
    clock.tick(61_000);
    assert.equal(await second.kv.sweepExpired(), 1, 'the old entry was swept');
    await assert.rejects(fs.access(second.layout.kvFile('state:old')));
    await second.close();
  });

  it("a correction's sweep of the old phone reads the publisher's registered entries, not the 300 other conversations", async () => {
    dirs += 1;
    const counter = new FileCounter();
    const store = await createEmbeddedStore(path.join(root, `store-${dirs}`), { sweepIntervalMs: 0, onFileRead: counter.observe });
    const publisher = demoPublisher('pub-corrected');
    await store.publishers.put(publisher, 'new');
    const oldPhone = publisher.contacts[0]!.phone;
    // Other conversations, some of them showing the very same number (another publisher's shared hotline).
    for (let i = 0; i < 300; i += 1) await store.kv.put(`state:msteams/conversations/other-${i}/`, { pages: [i % 2 ? oldPhone : '菜单'] }, { ttlMs: 3_600_000 });
    const registry = new ResidueRegistry(store.kv);
    const mine = ['state:msteams/conversations/mine-a/', 'state:msteams/conversations/mine-b/'];
    await registry.note(publisher.id, mine, 3_600_000);
    await store.kv.put(mine[0]!, { pages: [oldPhone] }, { ttlMs: 3_600_000 });
    await store.kv.put(mine[1]!, { pages: ['菜单'] }, { ttlMs: 3_600_000 });

    const service = new PrivacyService(store, 'salt');
    const { actor } = await new PublisherAccess(store.publishers, 'salt').authorize({ channel: 'aad', objectId: publisher.aadAccounts[0]!.objectId ?? '' }, publisher.id);
    const corrected = { ...publisher.contacts[0]!, phone: '+8613700005678' };
    const read = await counter.during(() =>
      service.updateContactInfo(actor, { companyName: publisher.companyName, creditCode: publisher.creditCode, contacts: [corrected] }, contactInfoVersion(publisher)),
    );
    const kvRead = new Set(read.filter((file) => file.startsWith(store.layout.kvDir)));
    assert.deepEqual([...kvRead].sort(), [store.layout.kvFile('residue:pub-corrected'), ...mine.map((key) => store.layout.kvFile(key))].sort());
    assert.equal(await store.kv.get(mine[0]!), undefined, 'the registered copy of the old phone is gone');
    assert.ok(await store.kv.get(mine[1]!), 'a registered entry without it stays');
    assert.ok(await store.kv.get('state:msteams/conversations/other-1/'), "another publisher's conversation showing the same number is not touched");
    await store.close();
  });
});

/** Every expiry marker file under the store's expiry directory (not the `built` marker). */
async function markerFiles(store: EmbeddedStore): Promise<string[]> {
  const entries = await fs.readdir(store.layout.expiryDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name !== 'built')
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** The ttl that makes an entry written now expire at `at` (epoch ms). */
function ttlUntil(at: number): number {
  return at - Date.now();
}

/** The middle of a minute about `hours` from now: expiries near it stay in that minute's bucket. */
function midMinute(hours: number): number {
  return Math.floor((Date.now() + hours * 3_600_000) / 60_000) * 60_000 + 30_500;
}

describe('embedded key-value writes (fsyncs and expiry markers counted)', function () {
  this.timeout(60_000);
  let store: EmbeddedStore;
  let syncs: FileCounter;
  beforeEach(async () => {
    dirs += 1;
    syncs = new FileCounter();
    store = await createEmbeddedStore(path.join(root, `store-${dirs}`), { sweepIntervalMs: 0, onSync: syncs.observe });
  });
  afterEach(() => store.close());

  it('a disposable put is written atomically but not synced (its new expiry marker is); a durable put is synced', async () => {
    const durable = await syncs.during(() => store.kv.put('codes:durable', { n: 1 }, { ttlMs: 600_000 }));
    assert.ok(durable.includes(store.layout.kvDir), 'a durable put syncs the directory after its rename');
    assert.ok(durable.some((file) => file.startsWith(`${store.layout.kvFile('codes:durable')}.`)), 'and its temp file before it');
    assert.ok(durable.some((file) => file.startsWith(store.layout.expiryDir)), 'and its new marker');

    const disposable = await syncs.during(async () => {
      await store.kv.put('state:disposable', { n: 1 }, { ttlMs: 600_000, disposable: true });
      await store.kv.put('state:disposable', { n: 2 }, { ttlMs: 7_200_000, disposable: true });
    });
    // Only the new markers are synced (once a minute per key at most): after a power cut an entry
    // that survived must still be found by the expiry sweep.
    assert.deepEqual(disposable.filter((file) => !file.startsWith(store.layout.expiryDir)), [], 'no fsync of the entry or its directory');
    assert.ok(disposable.length > 0, 'the markers of the two new expiries are synced');
    assert.deepEqual((await store.kv.get('state:disposable'))?.value, { n: 2 });
    // Atomic all the same: replaced by a rename, no temp file left behind.
    assert.deepEqual((await fs.readdir(store.layout.kvDir)).filter((name) => name.endsWith('.tmp')), []);
    await assertEveryEntryMarked(store);

    // Deletes stay durable, disposable entry or not: an erased entry must not come back.
    const deleted = await syncs.during(() => store.kv.delete('state:disposable'));
    assert.ok(deleted.includes(store.layout.kvDir));
  });

  it('a rewrite whose expiry stays in the same minute writes no marker and removes none', async () => {
    const at = midMinute(1);
    await store.kv.put('state:turns', { n: 0 }, { ttlMs: ttlUntil(at) });
    const [marker] = await markerFiles(store);
    assert.ok(marker !== undefined);
    const { ino } = await fs.stat(marker);
    for (let n = 1; n <= 3; n += 1) {
      // A later turn moves the expiry by a few ms to a few seconds, within the minute.
      const synced = await syncs.during(() => store.kv.put('state:turns', { n }, { ttlMs: ttlUntil(at + n * 7) }));
      assert.deepEqual(synced.filter((file) => file.startsWith(store.layout.expiryDir)), [], `rewrite ${n} synced no marker bucket`);
      assert.deepEqual(await markerFiles(store), [marker], `rewrite ${n} left the one marker in place`);
    }
    assert.equal((await fs.stat(marker)).ino, ino, 'never removed and made again');
    await assertEveryEntryMarked(store);
  });

  it('keeps every entry marked when two processes on one data directory move its expiry back and forth', async () => {
    // A second store on the same directory holds no memory of the first's markers, as another process would not.
    const other = await createEmbeddedStore(store.layout.dataDir, { sweepIntervalMs: 0 });
    try {
      const first = midMinute(1);
      const later = midMinute(2);
      await store.kv.put('state:shared', 1, { ttlMs: ttlUntil(first), disposable: true });
      await other.kv.put('state:shared', 2, { ttlMs: ttlUntil(later), disposable: true });
      assert.equal((await markerFiles(store)).length, 1, 'the other moved the marker');
      // Back into the first bucket: this store must write its marker again, though it wrote one there before.
      await store.kv.put('state:shared', 3, { ttlMs: ttlUntil(first + 5), disposable: true });
      await assertEveryEntryMarked(store);
      assert.equal((await markerFiles(store)).length, 1);
      await other.kv.delete('state:shared');
      await store.kv.put('state:shared', 4, { ttlMs: ttlUntil(first + 9), disposable: true });
      await assertEveryEntryMarked(store);
    } finally {
      await other.close();
    }
  });
});

describe('embedded expiry sweep by the minute (on a fake clock)', () => {
  let clock: sinon.SinonFakeTimers;
  let store: EmbeddedStore;
  beforeEach(async () => {
    dirs += 1;
    // Ten seconds into a minute, so a short expiry and "a few seconds later" stay in that minute.
    clock = sinon.useFakeTimers({ now: Math.floor(Date.now() / 60_000) * 60_000 + 10_000, toFake: ['Date'] });
    store = await createEmbeddedStore(path.join(root, `store-${dirs}`), { sweepIntervalMs: 0 });
  });
  afterEach(async () => {
    clock.restore();
    await store.close();
  });

  it('an expired entry is unreadable at once, and swept once its minute has passed (not before)', async () => {
    await store.kv.put('state:read', 1, { ttlMs: 1_000 });
    await store.kv.put('state:swept', 2, { ttlMs: 1_000, disposable: true });
    clock.tick(5_000);
    assert.equal(await store.kv.get('state:read'), undefined, 'a read checks the exact expiry');
    assert.equal(await store.kv.sweepExpired(), 0, 'the minute has not passed');
    clock.tick(60_000);
    assert.equal(await store.kv.sweepExpired(), 1);
    assert.deepEqual(await fs.readdir(store.layout.kvDir), []);
    assert.deepEqual(await markerFiles(store), []);
  });

  it('sweeps, and marks again at open, a data directory whose markers are per second', async () => {
    await store.kv.put('state:short', 1, { ttlMs: 2_000 });
    await store.kv.put('state:long', 2, { ttlMs: 40_000 });
    await store.close();
    // As the earlier engine left it: one bucket per second of expiry, and a `built` marker without a layout.
    await fs.rm(store.layout.expiryDir, { recursive: true });
    for (const key of ['state:short', 'state:long']) {
      const { expiresAt } = JSON.parse(await fs.readFile(store.layout.kvFile(key), 'utf8')) as { expiresAt: number };
      const bucket = path.join(store.layout.expiryDir, String(Math.floor(expiresAt / 3_600_000)).padStart(8, '0'), String(Math.floor(expiresAt / 1_000)).padStart(11, '0'));
      await fs.mkdir(bucket, { recursive: true });
      await fs.writeFile(path.join(bucket, store.layout.kvHash(key)), '');
    }
    await fs.writeFile(store.layout.expiryBuiltMarker, JSON.stringify({ builtAt: new Date().toISOString() }));

    store = await createEmbeddedStore(store.layout.dataDir, { sweepIntervalMs: 0 });
    await assertEveryEntryMarked(store);
    // Renewed within its minute: the marker it now relies on was made at open, not left to the old layout.
    await store.kv.put('state:long', 3, { ttlMs: 41_000 });
    await assertEveryEntryMarked(store);
    clock.tick(3_000);
    assert.equal(await store.kv.sweepExpired(), 1, 'the short entry, found by its per-second marker as soon as its second passed');
    clock.tick(60_000);
    assert.equal(await store.kv.sweepExpired(), 1, 'the long one, with its minute');
    assert.deepEqual(await fs.readdir(store.layout.kvDir), []);
    assert.deepEqual(await markerFiles(store), [], 'no marker of either layout is left');
  });
});

/** Every key-value entry with an expiry has its marker, so the sweep will find it. */
async function assertEveryEntryMarked(store: EmbeddedStore): Promise<void> {
  const expiry = new ExpiryIndex(store.layout.expiryDir);
  for (const name of (await fs.readdir(store.layout.kvDir)).filter((n) => n.endsWith('.json'))) {
    const record = JSON.parse(await fs.readFile(path.join(store.layout.kvDir, name), 'utf8')) as { key: string; expiresAt?: number };
    if (record.expiresAt !== undefined) await assert.doesNotReject(fs.access(expiry.markerFile(record.expiresAt, name.slice(0, -'.json'.length))), `${record.key} has no marker`);
  }
}
