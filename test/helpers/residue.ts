/**
 * Residue checks for erasures: a publisher whose every personal value is a unique marker (and still
 * passes validation); scanners that look for those markers in every key and value under a Redis key
 * prefix (SCAN, each key read by its type), in every file of an embedded DATA_DIR (bytes as UTF-8)
 * and in captured text; the engines, servers and clients (Teams, WeChat, operator commands) the
 * residue and retention tests run.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity, ChannelAccount } from 'botbuilder';
import { createClient, type RedisClientType } from 'redis';
import { creditCodeCheckCharacter } from '../../src/domain/creditCode';
import { CUSTOMER_SERVICE_FIELDS, fieldNames, type CustomerServiceField } from '../../src/domain/fieldSpecs';
import { publisherSchema, type Publisher } from '../../src/domain/publisher';
import { partVersion, type Part } from '../../src/domain/partVersions';
import { openStore } from '../../src/store/openStore';
import type { StoreEngine } from '../../src/store/types';
import type { WechatPeer } from './wechatPeer';
import { cardText, type Card } from './chat';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl } from './redis';
import { sharedCluster } from './redisServer';
import { FakeConnector, HttpChannel, RunningServer } from './server';
import { wechatEnv, wechatPeer } from './wechat';
import { runCli } from './cli';

// ---------------------------------------------------------------------------------------------
// The marker publisher

export interface MarkedAccount {
  objectId: string;
  upn: string;
  displayName: string;
}

/** What one marker publisher holds; every string array lists the needles to scan for. */
export interface MarkerPublisher {
  publisher: Publisher;
  /** The WeChat openid to bind to it (not in the publisher record: bindings live beside it). */
  openid: string;
  admin: MarkedAccount;
  member: MarkedAccount;
  markers: {
    company: string[];
    /** Per contact: name, phone (national digits), e-mail. */
    contacts: string[][];
    admin: string[];
    member: string[];
    /** Per offer: its name and every customer-service value. */
    offers: string[][];
    /** Per request record: its summary. */
    records: string[][];
    binding: string[];
  };
}

/** Every marker of the publisher and its binding. */
export function allMarkers(mp: MarkerPublisher): string[] {
  const m = mp.markers;
  return [...m.company, ...m.contacts.flat(), ...m.admin, ...m.member, ...m.offers.flat(), ...m.records.flat(), ...m.binding];
}

/** `count` random decimal digits. */
function digits(count: number): string {
  return Array.from({ length: count }, () => String(randomInt(0, 10))).join('');
}

/** A mainland mobile number with unique digits: stored as +86…, scanned for by its 11 national digits. */
function mobile(): { value: string; needle: string } {
  const national = `139${digits(8)}`;
  return { value: `+86${national}`, needle: national };
}

function creditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const first17 = `91${Array.from({ length: 15 }, () => alphabet.charAt(randomInt(0, alphabet.length))).join('')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/**
 * A publisher whose company name, credit code, contacts, AAD accounts (objectId, UPN, display name),
 * offer names, every customer-service field (Weibo as nickname, UID and link) and request-record
 * summaries are unique markers. Ids (publisher, offers, records) are handles, not markers: the audit
 * trail names them.
 */
export function markerPublisher(): MarkerPublisher {
  const tag = randomBytes(4).toString('hex');
  const m = (what: string): string => `MKR-${tag}-${what}`;
  const account = (who: string): MarkedAccount => ({ objectId: `mkr-${tag}-oid-${who}`, upn: `mkr-${tag}-${who}@example.com`, displayName: m(`${who}-name`) });
  const admin = account('admin');
  const member = account('member');
  const company = { companyName: m('company'), creditCode: creditCode() };

  const contacts = [0, 1].map((i) => {
    const phone = mobile();
    const contact = { name: m(`contact${i}-name`), phone: phone.value, email: `mkr-${tag}-contact${i}@example.com` };
    return { contact, needles: [contact.name, phone.needle, contact.email] };
  });

  const weibos = [`MKR${tag}wb0`, digits(12).replace(/^0/, '9'), `https://weibo.com/mkr${tag}wb2`];
  const offers = weibos.map((weibo, i) => {
    // Every customer-service field the spec lists holds a marker: its sample value, except where
    // the needle differs from the stored value (a phone is stored as +86…) or several forms are tried.
    const phone = mobile();
    const qq = `9${digits(10)}`;
    const special: Partial<Record<CustomerServiceField, { value: string; needle: string }>> = { phone, qq: { value: qq, needle: qq }, weibo: { value: weibo, needle: weibo } };
    const markers = fieldNames(CUSTOMER_SERVICE_FIELDS).map((field) => {
      const sample = CUSTOMER_SERVICE_FIELDS[field].sample(`${tag}o${i}`);
      return { field, ...(special[field] ?? { value: sample, needle: sample }) };
    });
    const customerService = Object.fromEntries(markers.map(({ field, value }) => [field, value]));
    const offer = { id: `offer-${tag}-${i}`, name: m(`offer${i}-name`), kind: 'service' as const, customerService };
    return { offer, needles: [offer.name, ...markers.map(({ needle }) => needle)] };
  });

  const now = Date.now();
  const records = [0, 1].map((i) => {
    const record = { id: `req-${tag}-${i}`, kind: '资料变更', submittedAt: new Date(now - (i + 1) * 86_400_000).toISOString(), status: '已完成', summary: m(`record${i}-summary`) };
    return { record, needles: [record.summary] };
  });

  const publisher = publisherSchema.parse({
    id: `mkr-${tag}`,
    ...company,
    contacts: contacts.map((c) => c.contact),
    aadAccounts: [
      { ...admin, role: 'admin' },
      { ...member, role: 'member' },
    ],
    offers: offers.map((o) => o.offer),
    requestRecords: records.map((r) => r.record),
  });
  const openid = `oMKR${tag}wxopenid`;
  return {
    publisher,
    openid,
    admin,
    member,
    markers: {
      company: [company.companyName, company.creditCode],
      contacts: contacts.map((c) => c.needles),
      admin: [admin.objectId, admin.upn, admin.displayName],
      member: [member.objectId, member.upn, member.displayName],
      offers: offers.map((o) => o.needles),
      records: records.map((r) => r.needles),
      binding: [openid],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Scanners

/** One place a needle was found: a Redis key, a file under DATA_DIR, or a captured text's label. */
export interface Hit {
  needle: string;
  where: string;
}

/** The needles found in `text` (case-insensitively), attributed to `where`. */
export function scanText(where: string, text: string, needles: readonly string[]): Hit[] {
  const haystack = text.toLowerCase();
  return needles.filter((needle) => haystack.includes(needle.toLowerCase())).map((needle) => ({ needle, where }));
}

/** Every key under `prefix` (SCAN on the prefix) and its whole content, read by the key's type. */
export async function scanRedis(prefix: string, needles: readonly string[], url = redisUrl()): Promise<Hit[]> {
  const client: RedisClientType = createClient({ url, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const hits: Hit[] = [];
    const pattern = `${prefix.replace(/[*?[\]\\]/g, (char) => `\\${char}`)}*`;
    for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 1_000 })) {
      for (const key of batch) hits.push(...scanText(key, `${key}\n${await readRedisKey(client, key)}`, needles));
    }
    return hits;
  } finally {
    await client.close();
  }
}

/** A key's content as text, whatever its type; empty when it expired since SCAN listed it. */
export async function readRedisKey(client: RedisClientType, key: string): Promise<string> {
  const type = await client.type(key);
  switch (type) {
    case 'string':
      return (await client.get(key)) ?? '';
    case 'hash':
      return Object.entries(await client.hGetAll(key)).flat().join('\n');
    case 'zset':
      return (await client.zRangeWithScores(key, 0, -1)).map(({ value, score }) => `${score} ${value}`).join('\n');
    case 'set':
      return (await client.sMembers(key)).join('\n');
    case 'list':
      return (await client.lRange(key, 0, -1)).join('\n');
    case 'none':
      return '';
    default:
      throw new Error(`the scanner cannot read Redis type ${type} (key ${key})`);
  }
}

/** Every file under `dir` (recursively), read as bytes and searched as UTF-8 text, its path included. */
export async function scanDataDir(dir: string, needles: readonly string[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (const file of await filesUnder(dir)) {
    const bytes = await fs.readFile(path.join(dir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0); // removed while we listed
      throw error;
    });
    const text = bytes.toString('utf8');
    hits.push(...scanText(`${file}${kvKeyOf(file, text)}`, `${file}\n${text}`, needles));
  }
  return hits;
}

/** For a key-value file (named by a hash), the key it holds, to make a hit readable. */
function kvKeyOf(file: string, text: string): string {
  if (!file.startsWith(`kv${path.sep}`)) return '';
  try {
    const { key } = JSON.parse(text) as { key?: unknown };
    return typeof key === 'string' ? ` (key ${key})` : '';
  } catch {
    return '';
  }
}

export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** "needle @ where" lines, for assertion messages. */
export function describeHits(hits: readonly Hit[]): string {
  return hits.map((hit) => `  ${hit.needle} @ ${hit.where}`).join('\n');
}

/** Fails, listing the hits, unless there are none. */
export function expectNone(hits: readonly Hit[], what: string): void {
  if (hits.length > 0) assert.fail(`${what}:\n${describeHits(hits)}`);
}

/** The needles that no hit names. */
export function missing(needles: readonly string[], hits: readonly Hit[]): string[] {
  return needles.filter((needle) => !hits.some((hit) => hit.needle === needle));
}

// ---------------------------------------------------------------------------------------------
// Engines the residue tests run the server on

/** The engines the residue tests run on: files, one Redis, and a real three-master Redis Cluster. */
export type EngineName = 'embedded' | 'redis' | 'redis-cluster';

export interface EngineUnderTest {
  readonly name: EngineName;
  /** Redis engines: every master's URL (what a scan must visit); empty for the embedded engine. */
  readonly redisUrls: readonly string[];
  /** Selects the engine for the server and the operator commands. */
  readonly env: Record<string, string>;
  /** The same store, opened in the test process. */
  readonly store: StoreEngine;
  /** Scans everything the engine holds (every key in the Redis database, or every file in DATA_DIR). */
  scan(needles: readonly string[]): Promise<Hit[]>;
  /** Whether a hit is in the key-value store (bot state, WeChat dedupe entries, codes, bindings). */
  isKeyValue(hit: Hit): boolean;
  dispose(): Promise<void>;
}

/** The salt the server and the operator commands share in these tests (not the default). */
export const TEST_AUDIT_SALT = 'residue-test-salt';

export async function openEngine(name: EngineName): Promise<EngineUnderTest> {
  if (name === 'embedded') {
    const dataDir = await fs.mkdtemp(path.join(tmpdir(), 'ppa-residue-'));
    const store = await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://unused' });
    return {
      name,
      redisUrls: [],
      env: { STORE: 'embedded', DATA_DIR: dataDir, DEMO_DATA: 'off', AUDIT_SALT: TEST_AUDIT_SALT },
      store,
      scan: (needles) => scanDataDir(dataDir, needles),
      isKeyValue: (hit) => hit.where.startsWith(`kv${path.sep}`),
      dispose: async () => {
        await store.close();
        await fs.rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const prefix = randomKeyPrefix('prv');
  if (name === 'redis-cluster') {
    // The test process's own cluster: its whole keyspace on every master is scanned.
    const cluster = await sharedCluster();
    const store = await openStore({ store: 'redis', dataDir: '', redisUrl: '', redisClusterNodes: cluster.urls, keyPrefix: prefix });
    return {
      name,
      redisUrls: cluster.urls,
      env: { STORE: 'redis', REDIS_CLUSTER_NODES: cluster.urls.join(','), REDIS_KEY_PREFIX: prefix, AUDIT_SALT: TEST_AUDIT_SALT },
      store,
      scan: async (needles) => (await Promise.all(cluster.urls.map((url) => scanRedis('', needles, url)))).flat(),
      isKeyValue: (hit) => hit.where.startsWith(`${prefix}kv:`),
      dispose: async () => {
        await store.close();
        for (const url of cluster.urls) await deleteKeysWithPrefix(prefix, url);
      },
    };
  }
  const store = await openStore({ store: 'redis', dataDir: '', redisUrl: redisUrl(), keyPrefix: prefix });
  return {
    name,
    redisUrls: [redisUrl()],
    env: { STORE: 'redis', REDIS_URL: redisUrl(), REDIS_KEY_PREFIX: prefix, AUDIT_SALT: TEST_AUDIT_SALT },
    store,
    // The whole logical database, not only the prefix: a copy written outside the namespace counts too.
    scan: (needles) => scanRedis('', needles),
    isKeyValue: (hit) => hit.where.startsWith(`${prefix}kv:`),
    dispose: async () => {
      await store.close();
      await deleteKeysWithPrefix(prefix);
    },
  };
}

/** A real server (with the /wechat endpoint, plaintext mode) on an engine, and a Bot Connector stand-in for it. */
export interface ServerUnderTest {
  engine: EngineUnderTest;
  server: RunningServer;
  connector: FakeConnector;
  stop(): Promise<void>;
}

export async function startServerOn(name: EngineName, env: Record<string, string> = {}): Promise<ServerUnderTest> {
  const engine = await openEngine(name);
  const connector = await FakeConnector.start();
  let server: RunningServer;
  try {
    server = await RunningServer.start({ ...engine.env, ...wechatEnv('plain'), ...env });
  } catch (error) {
    // Nothing may stay open when the server does not start, or mocha (without --exit) never ends.
    await connector.stop();
    await engine.dispose();
    throw error;
  }
  return {
    engine,
    server,
    connector,
    stop: async () => {
      await server.stop('SIGTERM', false);
      await connector.stop();
      await engine.dispose();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Retention: how long each key-value entry has left

/** Remaining lifetime of every key-value entry, by key; `undefined` for one that does not expire. */
export async function kvLifetimes(engine: EngineUnderTest): Promise<Map<string, number | undefined>> {
  const lifetimes = new Map<string, number | undefined>();
  if (engine.name === 'embedded') {
    const dir = path.join(engine.env.DATA_DIR!, 'kv');
    for (const name of (await fs.readdir(dir)).filter((file) => file.endsWith('.json'))) {
      const { key, expiresAt } = JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as { key: string; expiresAt?: number };
      lifetimes.set(key, expiresAt === undefined ? undefined : expiresAt - Date.now());
    }
    return lifetimes;
  }
  const prefix = `${engine.env.REDIS_KEY_PREFIX!}kv:`;
  for (const url of engine.redisUrls) {
    const client: RedisClientType = createClient({ url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1_000 })) {
        for (const key of batch) {
          const ttl = await client.pTTL(key);
          if (ttl !== -2) lifetimes.set(key.slice(prefix.length), ttl === -1 ? undefined : ttl);
        }
      }
    } finally {
      await client.close();
    }
  }
  return lifetimes;
}

/** Lifetimes of the keys starting with `prefix`; at least one must exist. */
export function lifetimesOf(all: Map<string, number | undefined>, prefix: string): (number | undefined)[] {
  const found = [...all].filter(([key]) => key.startsWith(prefix)).map(([, ttl]) => ttl);
  assert.ok(found.length > 0, `no key starting with ${prefix} among ${[...all.keys()].join(', ')}`);
  return found;
}

/** Each lifetime is set and at most `limit`, and more than `limit` minus a minute (it was just written). */
export function assertLifetimes(lifetimes: (number | undefined)[], limit: number, what: string): void {
  for (const ttl of lifetimes) assert.ok(ttl !== undefined && ttl <= limit && ttl > limit - 60_000, `${what}: ${ttl} ms left, expected about ${limit} ms`);
}

// ---------------------------------------------------------------------------------------------
// Clients

/**
 * A Teams user of the real server. Unlike the e2e channel, its Teams id (`29:…`) is not derived from
 * the AAD objectId — as in Teams — so a state key naming the user does not contain the objectId marker;
 * `from.name` is the display name, as Teams sends it.
 */
export class TeamsUser {
  private readonly channel: HttpChannel;
  private readonly from: ChannelAccount & { aadObjectId: string };

  /** `connector` answers what the bot asks Teams (e.g. the member look-up of an unknown user). */
  constructor(server: RunningServer, account: { objectId: string; displayName: string }, locale: 'en-US' | 'zh-CN', connector?: FakeConnector) {
    this.channel = new HttpChannel(server, { objectId: account.objectId, name: account.displayName }, locale, connector);
    this.from = { id: `29:teams-${randomBytes(8).toString('hex')}`, name: account.displayName, aadObjectId: account.objectId };
  }

  /** A text message; the cards and texts of the replies, as one text. */
  async say(text: string): Promise<string> {
    const { status, body } = await this.channel.post({ type: 'message', text, deliveryMode: 'expectReplies', from: this.from });
    if (status !== 200) throw new Error(`POST answered ${status}`);
    return activitiesText((body as { activities?: Partial<Activity>[] }).activities ?? []);
  }

  /** An Adaptive Card Action.Execute; the text of the card (or message) it answers with. */
  async execute(verb: string, data: Record<string, unknown>): Promise<string> {
    const { status, body } = await this.channel.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
      from: this.from,
    });
    if (status !== 200) throw new Error(`invoke answered ${status}`);
    const response = body as { type?: string; value?: unknown };
    if (response.type === 'application/vnd.microsoft.card.adaptive') return cardText(response.value);
    return typeof response.value === 'string' ? response.value : JSON.stringify(response.value ?? '');
  }
}

function activitiesText(activities: Partial<Activity>[]): string {
  return activities
    .filter((activity) => activity.type === 'message')
    .map((activity) => [activity.text ?? '', ...(activity.attachments ?? []).map((a) => (a.contentType === 'application/vnd.microsoft.card.adaptive' ? cardText(a.content as Card) : ''))].join('\n'))
    .join('\n');
}

/** The six-digit code on a WeChat binding-code card. */
export function codeIn(text: string): string {
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no binding code in:\n${text}`);
  return code;
}

/** The number of the choice titled `title` in a WeChat answer (Chinese), the first after the line holding `after`. */
export function choiceNumber(text: string, title: string, after?: string): string {
  const start = after === undefined ? 0 : text.indexOf(after);
  if (start < 0) throw new Error(`"${after}" not in:\n${text}`);
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(`回复 (\\d+)：${escaped}`).exec(text.slice(start))?.[1];
  if (!found) throw new Error(`no choice "${title}" after "${after ?? ''}" in:\n${text}`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Operator commands

/** Writes `{ publishers }` to a temp file and imports it with the import command (which must succeed). */
export async function importWithCli(publishers: Publisher[], env: Record<string, string>, options: readonly string[] = []): Promise<void> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'ppa-residue-import-'));
  try {
    const file = path.join(dir, 'publishers.json');
    await fs.writeFile(file, JSON.stringify({ publishers }, null, 2));
    const run = await runCli('import', [file, ...options], env);
    if (run.code !== 0) throw new Error(`import exited ${run.code}: ${run.stderr}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// One erasure, end to end

/** What an erasure left to check: the receipts it showed, and the markers it erased and kept. */
export interface ErasureOutcome {
  /** Texts that carry the receipt (receipt card, WeChat answer, CLI output). */
  receiptTexts: string[];
  erased: string[];
  kept: string[];
}

/**
 * A marker publisher on a running server, with its admin in Teams and a WeChat account bound to it
 * through a code the admin asked for — ready to make the bot hold copies, erase, and check.
 */
export class ErasureScenario {
  readonly admin: TeamsUser;
  private readonly peer: WechatPeer;

  private constructor(
    readonly engine: EngineUnderTest,
    readonly server: RunningServer,
    readonly mp: MarkerPublisher,
  ) {
    this.admin = new TeamsUser(server, mp.admin, 'zh-CN');
    this.peer = wechatPeer(server, 'plain');
  }

  /** Imports a fresh marker publisher (through the import command, or the store) and binds its WeChat account. */
  static async start(engine: EngineUnderTest, server: RunningServer, importWith: 'cli' | 'store' = 'store'): Promise<ErasureScenario> {
    const mp = markerPublisher();
    if (importWith === 'cli') await importWithCli([mp.publisher], engine.env);
    else {
      await engine.store.publishers.put(mp.publisher, 'new');
      await engine.store.audit.append({ at: new Date().toISOString(), actor: 'operator', publisherId: mp.publisher.id, action: 'import', fields: [] });
    }
    const scenario = new ErasureScenario(engine, server, mp);
    const code = codeIn(await scenario.admin.say('微信绑定'));
    assert.match(await scenario.wechat(`绑定 ${code}`), /已绑定到/);
    return scenario;
  }

  get publisherId(): string {
    return this.mp.publisher.id;
  }

  /** A WeChat message from the bound account; the passive reply's text. */
  async wechat(text: string): Promise<string> {
    return (await this.peer.sendText(this.mp.openid, text)).text;
  }

  /** The stored version of a part of the publisher (what a card's `v` carries). */
  async version(part: Part): Promise<string> {
    const stored = await this.engine.store.publishers.get(this.publisherId);
    if (!stored) throw new Error(`no publisher ${this.publisherId}`);
    return partVersion(stored.publisher, part);
  }

  /**
   * Before the erasure: every marker about to go is stored, and the bot holds copies of some of
   * them outside the publisher record (bot state, WeChat dedupe entries) — otherwise the check after
   * would prove nothing.
   */
  async expectCopiesHeld(erased: readonly string[]): Promise<void> {
    const hits = await this.engine.scan(erased);
    assert.deepEqual(missing(erased, hits), [], `every marker to erase is stored before the erasure:\n${describeHits(hits)}`);
    assert.ok(hits.some((hit) => this.engine.isKeyValue(hit)), `the bot holds copies in state or dedupe entries before the erasure:\n${describeHits(hits)}`);
  }

  /**
   * After the erasure: no erased marker in the store or the server log; no marker at all in the
   * receipts, the audit trail or the log; every kept marker still found (the scan can find things).
   */
  async expectNoResidue(outcome: ErasureOutcome): Promise<void> {
    const all = allMarkers(this.mp);
    expectNone(await this.engine.scan(outcome.erased), `erased values still held by the ${this.engine.name} store`);
    expectNone(scanText('server log', this.server.output, all), 'personal values in the server log');
    expectNone(
      outcome.receiptTexts.flatMap((text, i) => scanText(`receipt ${i + 1}`, text, all)),
      'personal values in a receipt',
    );

    const audit = await this.engine.store.audit.list(this.publisherId);
    assert.ok(audit.some((entry) => entry.receiptId !== undefined), 'the erasure is recorded in the audit trail with its receipt id');
    expectNone(
      audit.flatMap((entry) => scanText(`audit ${entry.action} ${entry.at}`, JSON.stringify(entry), all)),
      'personal values in the audit trail',
    );

    const kept = await this.engine.scan(outcome.kept);
    assert.deepEqual(missing(outcome.kept, kept), [], 'the markers that were not erased are still found by the same scan');
  }
}

/** The receipt id (a UUID) in a text. */
export function receiptIdIn(text: string): string {
  const id = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/.exec(text)?.[0];
  if (!id) throw new Error(`no receipt id in:\n${text}`);
  return id;
}
