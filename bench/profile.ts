/**
 * `npx tsx bench/profile.ts`: the server under `node --cpu-prof`, driven by the bench's mixed load
 * (bench/load.ts), then the profile's top frames: by self time, and by the share
 * of samples in which our own functions are on the stack. Each run profiles one engine at one
 * publisher count; the .cpuprofile file stays for Chrome's DevTools.
 *
 * Flags: --engine embedded|redis (redis) --load mixed|wechat (mixed; wechat: safe-mode text turns) --publishers N (1000) --seconds N (8) --connections N (10)
 *        --top N (25) --out DIR (a temporary directory)
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openStore } from '../src/store/openStore';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl } from '../test/helpers/redis';
import { RunningServer } from '../test/helpers/server';
import { wechatEnv, wechatPeer } from '../test/helpers/wechat';
import { BENCH_SALT, bindWechatUsers, MixedLoad, seed, WechatLoad } from './load';

const { values: flags } = parseArgs({
  options: {
    engine: { type: 'string', default: 'redis' },
    load: { type: 'string', default: 'mixed' },
    publishers: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '10' },
    top: { type: 'string', default: '25' },
    out: { type: 'string' },
  },
});

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const ROOT = path.resolve(__dirname, '..');

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '').replace(/^.*node_modules\//, '~');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

/**
 * Self time by frame, and for each frame the share of samples with it anywhere on the stack;
 * only samples taken `skipMs` or more after the profile began (start-up and warm-up are not turns).
 */
function summarize(profile: CpuProfile, top: number, skipMs: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let elapsedUs = 0;
  let total = 0;
  for (const [index, sample] of profile.samples.entries()) {
    elapsedUs += profile.timeDeltas[index] ?? 0;
    if (elapsedUs < skipMs * 1000) continue;
    total += 1;
    const leaf = byId.get(sample);
    if (!leaf) continue;
    self.set(frameName(leaf), (self.get(frameName(leaf)) ?? 0) + 1);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (node) seen.add(frameName(node));
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
  }
  const table = (entries: Map<string, number>, keep: (name: string) => boolean): string =>
    [...entries].filter(([name]) => keep(name)).sort((a, b) => b[1] - a[1]).slice(0, top)
      .map(([name, count]) => `${((100 * count) / total).toFixed(1).padStart(5)}%  ${name}`).join('\n');
  return [
    `${total} samples`,
    '\n## self time', table(self, () => true),
    '\n## on the stack (our code)', table(inclusive, (name) => / (src|bench)\//.test(name)),
    '\n## on the stack (libraries)', table(inclusive, (name) => name.includes(' ~')),
  ].join('\n');
}

async function main(): Promise<void> {
  const engine = flags.engine as 'embedded' | 'redis';
  const connections = Number(flags.connections);
  const prefix = randomKeyPrefix('profile');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-profile-'));
  const out = flags.out ?? (await mkdtemp(path.join(tmpdir(), 'ppa-cpuprofile-')));
  const options = { store: engine, dataDir, redisUrl: redisUrl(), keyPrefix: prefix };
  // The embedded index is marked built when a store with publishers opens: open once with one, so
  // the server does not rebuild it from every file at start-up (as bench/http.ts's 10-publisher round does).
  const first = await openStore(options);
  await seed(first, 0, 1);
  await first.close();
  const store = await openStore(options);
  await seed(store, 1, Number(flags.publishers));
  if (flags.load === 'wechat') await bindWechatUsers(store, connections);
  await store.close();
  const env = { STORE: engine, DATA_DIR: dataDir, DEMO_DATA: 'off', REDIS_URL: redisUrl(), REDIS_KEY_PREFIX: prefix, AUDIT_SALT: BENCH_SALT, ...wechatEnv('aes') };
  const spawnedAt = Date.now();
  const server = await RunningServer.start(env, { args: ['--cpu-prof', '--cpu-prof-dir', out, '--import', 'tsx', 'src/bot/index.ts'], cwd: ROOT });
  let measuredFrom = 0;
  try {
    const load = flags.load === 'wechat' ? new WechatLoad(connections, wechatPeer(server, 'aes')) : new MixedLoad(connections);
    const run = (duration: number): Promise<autocannon.Result> =>
      autocannon({ url: `${server.url}/api/messages`, connections, duration, headers: { 'content-type': 'application/json' }, requests: load.requests() });
    await run(2); // warm-up, left out of the summary with the start-up
    measuredFrom = Date.now() - spawnedAt;
    const result = await run(Number(flags.seconds));
    process.stderr.write(`${engine} ${flags.publishers} publishers: ${(result.requests.total / Number(flags.seconds)).toFixed(0)} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}\n`);
  } finally {
    await server.stop('SIGTERM', false);
  }
  // The main thread's profile (thread 0); tsx's loader thread writes its own.
  const file = (await readdir(out)).find((name) => /\.0\.\d+\.cpuprofile$/.test(name));
  if (!file) throw new Error(`no profile written in ${out}`);
  console.log(`profile: ${path.join(out, file)}`);
  console.log(summarize(JSON.parse(await readFile(path.join(out, file), 'utf8')) as CpuProfile, Number(flags.top), measuredFrom));
  if (engine === 'redis') await deleteKeysWithPrefix(prefix);
  await rm(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
