/**
 * `npm run bench`: the real server, started as `npm start` starts it, driven over HTTP by
 * autocannon with a mixed privacy load (menu, contact view, offers list, an edit-submit — the edit
 * form, then a save alternating two valid phone numbers — and a records page), each connection one
 * admin of its own publisher, beside botbuilder's stock echo bot in the same run (an echo round right before each privacy round).
 * Prints one table. Absolute numbers depend on the machine; compare the ratios of one run.
 *
 * Flags: --seconds N (per round, default 4) --connections N (10) --publishers 10,1000,10000
 *        --engines embedded,redis[,cluster] --jwt off,on (on runs at the middle publisher count only)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createClient } from 'redis';
import { publisherSchema, type Publisher } from '../src/domain/publisher';
import { openStore } from '../src/store/openStore';
import type { StoreEngine } from '../src/store/types';
import { BotFrameworkIssuer, channelClaims, newSigningKey, signToken } from '../test/helpers/botFrameworkIssuer';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl } from '../test/helpers/redis';
import { RedisWireCounter } from '../test/helpers/redisWire';
import { RunningServer } from '../test/helpers/server';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '4' },
    connections: { type: 'string', default: '10' },
    publishers: { type: 'string', default: '10,1000,10000' },
    engines: { type: 'string', default: 'embedded,redis' },
    jwt: { type: 'string', default: 'off,on' },
  },
});
const SECONDS = Number(flags.seconds);
const CONNECTIONS = Number(flags.connections);
const COUNTS = flags.publishers.split(',').map(Number);
const APP_ID = 'bench-bot-app-id';
const BENCH_SALT = 'bench-salt-0123456789abcdef';
const SERVICE_URL = 'http://127.0.0.1:9/bench';
const PHONES = ['+8613800138000', '+8613900139000'];

function benchPublisher(i: number): Publisher {
  return publisherSchema.parse({
    id: `bench-${i}`,
    companyName: `基准测试公司 ${i}`,
    creditCode: '91310110666007217T',
    contacts: [{ name: '王晓明', phone: PHONES[0], email: `wang${i}@bench.example.cn` }],
    aadAccounts: [{ objectId: `bench-oid-${i}`, upn: `admin${i}@bench.example.cn`, displayName: `Admin ${i}`, role: 'admin' }],
    offers: [{ id: 'vm', name: '备份服务器', kind: 'virtualMachine', customerService: { name: '客服', phone: '400-820-1234', email: `cs${i}@bench.example.cn`, qq: '800012345', wechat: 'bench_cs', weibo: '5601234567' } }],
    requestRecords: [{ id: 'req-1', kind: '资料变更', submittedAt: '2024-03-12T09:15:00+08:00', status: '已完成', summary: '更新电话' }],
  });
}

/** Adds publishers until the store holds `count`. */
async function seed(store: StoreEngine, from: number, count: number): Promise<void> {
  for (let start = from; start < count; start += 50) {
    await Promise.all(Array.from({ length: Math.min(50, count - start) }, (_, k) => store.publishers.put(benchPublisher(start + k), 'any')));
  }
}

function activity(user: number, body: Record<string, unknown>): string {
  return JSON.stringify({
    channelId: 'msteams', serviceUrl: SERVICE_URL, locale: 'zh-CN', deliveryMode: 'expectReplies', type: 'message',
    from: { id: `29:bench-${user}`, aadObjectId: `bench-oid-${user}` }, recipient: { id: '28:bot' },
    conversation: { id: `a:bench-${user}`, conversationType: 'personal' }, ...body,
  });
}

interface Context { user?: number; v?: string; flip?: number }
let nextUser = 0;

const userOf = (context: Context): number => (context.user ??= nextUser++ % CONNECTIONS);

/** The version the last answer showed (the save must name it). */
function noteVersion(body: string, context: Context): void {
  // Versions are content hashes (strings) in the card's action data.
  const v = /\\?"v\\?":\\?"([^"\\]+)/.exec(body)?.[1];
  if (v !== undefined) context.v = v;
}

/** The mixed privacy load, one activity body per step: each connection is one publisher's admin. */
const MIXED_LOAD: ((context: Context) => Record<string, unknown>)[] = [
  () => ({ text: '菜单' }),
  () => ({ value: { verb: 'contact.view' } }),
  () => ({ value: { verb: 'offer.list' } }),
  // The edit form carries the version a save must name, as in Teams (a view shows none).
  () => ({ value: { verb: 'contact.edit' } }),
  (c) => {
    c.flip = ((c.flip ?? 0) + 1) % 2;
    const i = userOf(c);
    return { value: { verb: 'contact.save', v: c.v ?? '', rows: 2, companyName: `基准测试公司 ${i}`, creditCode: '91310110666007217T', 'contact.0.name': '王晓明', 'contact.0.phone': PHONES[c.flip], 'contact.0.email': `wang${i}@bench.example.cn` } };
  },
  () => ({ value: { verb: 'record.list', page: 0 } }),
];

function privacyRequests(): autocannon.Request[] {
  return MIXED_LOAD.map((value) => ({
    method: 'POST',
    setupRequest: (req: autocannon.Request, context: Context) => ({ ...req, body: activity(userOf(context), value(context)) }),
    onResponse: (_status: number, body: string, context: Context) => noteVersion(body, context),
  }));
}

interface Round { rps: number; p50: number; p99: number; errors: number }

async function round(port: number, requests: autocannon.Request[], authorization: string | undefined): Promise<Round> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    requests,
  });
  return { rps: result.requests.total / SECONDS, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors };
}

async function startEcho(env: Record<string, string>): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'echoBot.ts')], { env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`echo bot exited ${code}`)));
  });
  return { port, child };
}

/** Bytes of bot state per conversation: Redis MEMORY USAGE of the state keys, or the embedded state files' sizes. */
async function stateBytes(engine: string, prefix: string, dataDir: string): Promise<number> {
  if (engine === 'embedded') {
    let bytes = 0;
    for (const name of await readdir(path.join(dataDir, 'kv'), { recursive: true })) {
      if (!name.endsWith('.json')) continue; // a write in progress (.tmp) is not state yet
      // The server may replace or expire a file while we walk: it counts as gone.
      const info = await stat(path.join(dataDir, 'kv', name)).catch(() => undefined);
      if (info?.isFile() === true) bytes += info.size;
    }
    return bytes / CONNECTIONS;
  }
  const client = createClient({ url: redisUrl() });
  await client.connect();
  let bytes = 0;
  for await (const batch of client.scanIterator({ MATCH: `${prefix}kv:state:*`, COUNT: 1_000 })) {
    for (const key of batch) bytes += (await client.memoryUsage(key)) ?? 0;
  }
  await client.close();
  return bytes / CONNECTIONS;
}

/** Redis commands per turn of the mixed load, counted on the wire (one cycle per user, sequential). */
async function commandsPerTurn(prefix: string): Promise<number> {
  const wire = await RedisWireCounter.start(redisUrl());
  const server = await RunningServer.start({ STORE: 'redis', REDIS_URL: wire.url, REDIS_KEY_PREFIX: prefix, AUDIT_SALT: BENCH_SALT });
  try {
    const context: Context = { user: 0 };
    let turns = 0;
    for (let cycle = 0; cycle < 3; cycle++) {
      for (const value of MIXED_LOAD) {
        const body = activity(0, value(context));
        const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        noteVersion(await response.text(), context);
        if (cycle > 0) turns += 1;
        if (cycle === 0) wire.reset(); // the first cycle creates the state
      }
    }
    return wire.current.commands.length / turns;
  } finally {
    await server.stop();
    await wire.stop();
  }
}

async function main(): Promise<void> {
  const issuer = await BotFrameworkIssuer.start();
  const key = newSigningKey(['msteams']);
  const jwtEnv = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'bench-not-a-secret', MicrosoftAppType: 'MultiTenant', ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl([key]), ToBotFromEmulatorOpenIdMetadataUrl: issuer.metadataUrl([]) };
  const bearer = `Bearer ${signToken(channelClaims(APP_ID, SERVICE_URL), { key })}`;
  const echoes = { off: await startEcho({}), on: await startEcho(jwtEnv) };
  const echoRequests = [{ method: 'POST' as const, body: activity(0, { text: 'hello' }) }];
  const rows: string[][] = [];
  const jwtModes = flags.jwt.split(',') as ('off' | 'on')[];
  try {
    for (const engine of flags.engines.split(',')) {
      if (engine === 'cluster') {
        process.stderr.write('cluster: skipped in this version of the bench (see the report)\n');
        continue;
      }
      const prefix = randomKeyPrefix('bench');
      const dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-bench-'));
      const store = await openStore({ store: engine as 'embedded' | 'redis', dataDir, redisUrl: redisUrl(), keyPrefix: prefix });
      let seeded = 0;
      const commands = engine === 'redis' ? await (async () => { await seed(store, 0, CONNECTIONS); seeded = CONNECTIONS; return commandsPerTurn(prefix); })() : undefined;
      for (const count of COUNTS) {
        await seed(store, seeded, count);
        seeded = Math.max(seeded, count);
        for (const jwt of jwtModes) {
          if (jwt === 'on' && count !== COUNTS[Math.floor(COUNTS.length / 2)]) continue;
          const env = { STORE: engine, DATA_DIR: dataDir, DEMO_DATA: 'off', REDIS_URL: redisUrl(), REDIS_KEY_PREFIX: prefix, AUDIT_SALT: BENCH_SALT, ...(jwt === 'on' ? jwtEnv : {}) };
          const server = await RunningServer.start(env);
          const authorization = jwt === 'on' ? bearer : undefined;
          try {
            await round(server.port, privacyRequests(), authorization); // warm-up, not counted
            const echo = await round(echoes[jwt].port, echoRequests, authorization);
            const privacy = await round(server.port, privacyRequests(), authorization);
            const bytes = await stateBytes(engine, prefix, dataDir);
            rows.push([engine, String(count), jwt, privacy.rps.toFixed(0), `${privacy.p50}`, `${privacy.p99}`, echo.rps.toFixed(0), `${echo.p99}`, (privacy.rps / echo.rps).toFixed(2), commands?.toFixed(1) ?? '—', bytes.toFixed(0), String(privacy.errors)]);
            process.stderr.write(`${rows.at(-1)!.join(' | ')}\n`);
          } finally {
            await server.stop('SIGTERM', false);
          }
        }
      }
      await store.close();
      if (engine === 'redis') await deleteKeysWithPrefix(prefix);
      await rm(dataDir, { recursive: true, force: true });
    }
  } finally {
    for (const echo of Object.values(echoes)) echo.child.kill();
    await issuer.stop();
  }
  const header = ['engine', 'publishers', 'JWT', 'req/s', 'p50 ms', 'p99 ms', 'echo req/s', 'echo p99 ms', 'ratio to echo', 'Redis cmds/turn', 'state bytes/conv', 'non-2xx'];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per round, an echo round right before each privacy round; mixed load per connection: menu, contact view, offers list, contact edit form, contact save (alternating two phones), records page.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
