/**
 * `npm run bench`: the real server, started as `npm start` starts it, driven over HTTP by
 * autocannon with a mixed privacy load (menu, contact view, offers list, an edit-submit — the edit
 * form, then a save alternating two valid phone numbers — and a records page), each connection one
 * admin of its own publisher, beside botbuilder's stock echo bot in the same run (an echo round right before each privacy round).
 * Prints one table. Absolute numbers depend on the machine; compare the ratios of one run.
 *
 * Flags: --seconds N (per round, default 4) --connections N (10) --publishers 10,1000,10000
 *        --engines embedded,redis,cluster (cluster: three masters started on loopback when redis-server is installed)
 *        --jwt off,on (on runs at the middle publisher count only) --wechat on|off (safe-mode text turns at the largest count)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createClient } from 'redis';
import { openStore } from '../src/store/openStore';
import { BotFrameworkIssuer, channelClaims, newSigningKey, signToken } from '../test/helpers/botFrameworkIssuer';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl } from '../test/helpers/redis';
import { RedisWireCounter } from '../test/helpers/redisWire';
import { LocalCluster } from '../test/helpers/redisServer';
import { RunningServer } from '../test/helpers/server';
import { wechatEnv, wechatPeer } from '../test/helpers/wechat';
import { activity, APP_ID, BENCH_SALT, bindWechatUsers, MixedLoad, noteVersion, seed, SERVICE_URL, WechatLoad, type Context } from './load';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '4' },
    connections: { type: 'string', default: '10' },
    publishers: { type: 'string', default: '10,1000,10000' },
    engines: { type: 'string', default: 'embedded,redis,cluster' },
    jwt: { type: 'string', default: 'off,on' },
    wechat: { type: 'string', default: 'on' },
  },
});
const SECONDS = Number(flags.seconds);
const CONNECTIONS = Number(flags.connections);
const COUNTS = flags.publishers.split(',').map(Number);
const load = new MixedLoad(CONNECTIONS);

interface Round { rps: number; p50: number; p99: number; errors: number; cpuMsPerTurn: number }

/**
 * CPU time (user + system, ms) the process has used, from /proc/<pid>/stat. Per turn, it says what a
 * turn costs even when other work on the machine makes the throughput figures wander.
 */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

async function round(port: number, pid: number, requests: autocannon.Request[], authorization: string | undefined): Promise<Round> {
  const cpuBefore = await cpuMs(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    requests,
  });
  const cpuMsPerTurn = ((await cpuMs(pid)) - cpuBefore) / Math.max(1, result.requests.total);
  return { rps: result.requests.total / SECONDS, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors, cpuMsPerTurn };
}

async function startEcho(env: Record<string, string>): Promise<{ port: number; pid: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'echoBot.ts')], { env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`echo bot exited ${code}`)));
  });
  return { port, pid: child.pid ?? 0, child };
}

/** Bytes of bot state per conversation: Redis MEMORY USAGE of the state keys (on every master), or the embedded state files' sizes. */
async function stateBytes(engine: string, prefix: string, dataDir: string, redisUrls: string[]): Promise<number> {
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
  let bytes = 0;
  for (const url of redisUrls) {
    const client = createClient({ url });
    await client.connect();
    // A cluster node lists only its own slots' keys; a replica-less cluster's masters hold them all.
    for await (const batch of client.scanIterator({ MATCH: `${prefix}kv:state:*`, COUNT: 1_000 })) {
      for (const key of batch) bytes += (await client.memoryUsage(key)) ?? 0;
    }
    await client.close();
  }
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
      for (const value of load.steps) {
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

/** Where the engine keeps its data: a data directory, a Redis server or a cluster started for the bench. */
interface EngineSetup {
  storeOptions: Parameters<typeof openStore>[0];
  env: Record<string, string>;
  /** The Redis servers to measure state on (every master of a cluster). */
  redisUrls: string[];
  teardown: () => Promise<void>;
}

async function setUp(engine: string, prefix: string, dataDir: string): Promise<EngineSetup | undefined> {
  const common = { DATA_DIR: dataDir, DEMO_DATA: 'off', REDIS_KEY_PREFIX: prefix, AUDIT_SALT: BENCH_SALT };
  if (engine === 'embedded') {
    return { storeOptions: { store: 'embedded', dataDir, redisUrl: '', keyPrefix: prefix }, env: { ...common, STORE: 'embedded' }, redisUrls: [], teardown: () => Promise.resolve() };
  }
  if (engine === 'redis') {
    return { storeOptions: { store: 'redis', dataDir, redisUrl: redisUrl(), keyPrefix: prefix }, env: { ...common, STORE: 'redis', REDIS_URL: redisUrl() }, redisUrls: [redisUrl()], teardown: () => deleteKeysWithPrefix(prefix).then(() => undefined) };
  }
  if (engine === 'cluster') {
    if (spawnSync('redis-server', ['--version']).status !== 0) {
      process.stderr.write('cluster: skipped, redis-server is not installed\n');
      return undefined;
    }
    const cluster = await LocalCluster.start();
    return {
      storeOptions: { store: 'redis', dataDir, redisUrl: '', redisClusterNodes: cluster.urls, keyPrefix: prefix },
      env: { ...common, STORE: 'redis', REDIS_CLUSTER_NODES: cluster.urls.join(',') },
      redisUrls: cluster.urls,
      teardown: () => cluster.stop(),
    };
  }
  throw new Error(`unknown engine ${engine} (embedded, redis or cluster)`);
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
  const largest = Math.max(...COUNTS);
  const push = (row: string[]): void => {
    rows.push(row);
    process.stderr.write(`${row.join(' | ')}\n`);
  };
  try {
    for (const engine of flags.engines.split(',')) {
      const prefix = randomKeyPrefix('bench');
      const dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-bench-'));
      const setup = await setUp(engine, prefix, dataDir);
      if (setup === undefined) continue;
      const store = await openStore(setup.storeOptions);
      try {
        let seeded = 0;
        const commands = engine === 'redis' ? await (async () => { await seed(store, 0, CONNECTIONS); seeded = CONNECTIONS; return commandsPerTurn(prefix); })() : undefined;
        for (const count of COUNTS) {
          await seed(store, seeded, count);
          seeded = Math.max(seeded, count);
          for (const jwt of jwtModes) {
            if (jwt === 'on' && count !== COUNTS[Math.floor(COUNTS.length / 2)]) continue;
            const wechatRound = flags.wechat === 'on' && jwt === 'off' && count === largest;
            if (wechatRound) await bindWechatUsers(store, CONNECTIONS);
            const server = await RunningServer.start({ ...setup.env, ...wechatEnv('aes'), ...(jwt === 'on' ? jwtEnv : {}) });
            const authorization = jwt === 'on' ? bearer : undefined;
            try {
              await round(server.port, server.pid, load.requests(), authorization); // warm-up, not counted
              const echo = await round(echoes[jwt].port, echoes[jwt].pid, echoRequests, authorization);
              const privacy = await round(server.port, server.pid, load.requests(), authorization);
              const bytes = await stateBytes(engine, prefix, dataDir, setup.redisUrls);
              push([engine, String(count), jwt, privacy.rps.toFixed(0), `${privacy.p50}`, `${privacy.p99}`, echo.rps.toFixed(0), `${echo.p99}`, (privacy.rps / echo.rps).toFixed(2), privacy.cpuMsPerTurn.toFixed(2), echo.cpuMsPerTurn.toFixed(2), (echo.cpuMsPerTurn / privacy.cpuMsPerTurn).toFixed(2), commands?.toFixed(1) ?? '—', bytes.toFixed(0), String(privacy.errors)]);
              if (wechatRound) {
                const wechatLoad = new WechatLoad(CONNECTIONS, wechatPeer(server, 'aes'));
                await round(server.port, server.pid, wechatLoad.requests(), undefined); // warm-up
                const wechatEcho = await round(echoes.off.port, echoes.off.pid, echoRequests, undefined);
                const wechat = await round(server.port, server.pid, wechatLoad.requests(), undefined);
                push([`${engine}, WeChat safe mode`, String(count), '—', wechat.rps.toFixed(0), `${wechat.p50}`, `${wechat.p99}`, wechatEcho.rps.toFixed(0), `${wechatEcho.p99}`, (wechat.rps / wechatEcho.rps).toFixed(2), wechat.cpuMsPerTurn.toFixed(2), wechatEcho.cpuMsPerTurn.toFixed(2), (wechatEcho.cpuMsPerTurn / wechat.cpuMsPerTurn).toFixed(2), '—', '—', String(wechat.errors)]);
              }
            } finally {
              await server.stop('SIGTERM', false);
            }
          }
        }
      } finally {
        await store.close();
        await setup.teardown();
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    for (const echo of Object.values(echoes)) echo.child.kill();
    await issuer.stop();
  }
  const header = ['engine', 'publishers', 'JWT', 'req/s', 'p50 ms', 'p99 ms', 'echo req/s', 'echo p99 ms', 'ratio to echo', 'CPU ms/turn', 'echo CPU ms/turn', 'CPU ratio (echo/bot)', 'Redis cmds/turn', 'state bytes/conv', 'non-2xx'];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per round, an echo round right before each privacy round; mixed load per connection: menu, contact view, offers list, contact edit form, contact save (alternating two phones), records page.`);
  console.log('CPU ms/turn: user + system CPU of the server process (/proc) during the round, per request; it wanders less than req/s when the machine is shared. The CPU ratio is what the throughput ratio would be if both were CPU-bound on an idle machine.');
  console.log('WeChat safe mode: encrypted text turns to /wechat (menu, then its first entry), one bound user per connection, at the largest publisher count.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
