/**
 * `npm run fuzz -- --count 100000 --seed 7 [--concurrency 4]`: a long seeded fuzz campaign against a
 * fresh bot server (embedded store, WeChat in plaintext mode), for people rather than CI. Two thirds
 * of the cases are activities and invokes, one third WeChat callbacks. Prints every answer ≥ 500 with
 * its case index (same seed, same case) and exits 1 if there was one or the server died.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runFuzzCampaign } from '../test/helpers/fuzzRun';
import { processMemory } from '../test/helpers/processMemory';
import { FakeConnector, RunningServer } from '../test/helpers/server';
import { WECHAT, wechatEnv } from '../test/helpers/wechat';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '3000' }, seed: { type: 'string', default: String(Date.now() % 1e9) }, concurrency: { type: 'string', default: '4' } } });
  const count = Number(values.count);
  const seed = Number(values.seed);
  const concurrency = Number(values.concurrency);
  if (![count, seed, concurrency].every((n) => Number.isSafeInteger(n) && n > 0)) {
    process.stderr.write('Usage: npm run fuzz -- [--count N] [--seed N] [--concurrency N]\n');
    return 2;
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-fuzz-'));
  const connector = await FakeConnector.start();
  const server = await RunningServer.start(wechatEnv('plain', { DATA_DIR: dataDir }));
  try {
    const before = await processMemory(server.pid);
    const started = Date.now();
    const activities = Math.round((count * 2) / 3);
    process.stdout.write(`seed ${seed}: ${activities} activities, ${count - activities} WeChat callbacks, ${concurrency} in flight\n`);
    const result = await runFuzzCampaign({
      baseUrl: server.url,
      seed,
      activities,
      wechatRequests: count - activities,
      connectorUrl: connector.url,
      wechat: WECHAT,
      concurrency,
      onProgress: (done, total) => {
        if (done % 1000 === 0 || done === total) process.stdout.write(`  ${done}/${total} in ${Math.round((Date.now() - started) / 1000)} s\n`);
      },
    });
    const after = await processMemory(server.pid);
    process.stdout.write(`statuses: ${JSON.stringify(result.statuses)}\n`);
    process.stdout.write(`RSS ${Math.round(before.rssBytes / 2 ** 20)} → ${Math.round(after.rssBytes / 2 ** 20)} MiB, peak ${Math.round(after.peakRssBytes / 2 ** 20)} MiB\n`);
    for (const finding of result.findings) process.stdout.write(`FINDING case ${finding.index} (${finding.label}): ${finding.status} ${finding.detail}\n`);
    if (!server.alive) process.stdout.write(`FINDING the server died:\n${server.output.slice(-3000)}\n`);
    const serverErrors = server.output.split('\n').filter((line) => /"level":(50|60)/.test(line));
    for (const line of serverErrors.slice(0, 20)) process.stdout.write(`server error log: ${line.slice(0, 400)}\n`);
    return result.findings.length === 0 && server.alive ? 0 : 1;
  } finally {
    await server.stop();
    await connector.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
