/**
 * `npm run bench`: how many turns per second the bot serves in-process, on each store engine, against
 * a stock echo bot on the same adapter. Absolute numbers depend on the machine; the ratios, taken in
 * one run, are what to compare between changes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ActivityHandler, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import pino from 'pino';
import { createBotApp } from '../src/bot/botApp';
import type { PrivacyBot } from '../src/bot/privacyBot';
import { loadConfig } from '../src/config';
import { demoPublisher, PLAYGROUND_USER } from '../src/demo/demoPublisher';
import { openStore } from '../src/store/openStore';
import type { StoreEngine } from '../src/store/types';

const TURNS = Number(process.env.BENCH_TURNS ?? 400);
const SCRIPT: Partial<Activity>[] = [
  { type: 'message', text: 'menu' },
  { type: 'message', value: { verb: 'contact.view' } },
  { type: 'message', value: { verb: 'offer.list' } },
  { type: 'message', value: { verb: 'record.list', page: 0 } },
];

function adapterFor(logic: (context: TurnContext) => Promise<void>): TestAdapter {
  return new TestAdapter(logic, {
    channelId: 'msteams',
    locale: 'zh-CN',
    from: { id: '29:bench', name: 'Bench', aadObjectId: PLAYGROUND_USER.objectId },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: 'a:bench', isGroup: false, conversationType: 'personal', name: 'bench' },
  });
}

async function timeTurns(adapter: TestAdapter): Promise<number> {
  for (let i = 0; i < 20; i++) await adapter.processActivity(SCRIPT[i % SCRIPT.length]!); // warm-up
  adapter.activeQueue.splice(0);
  const started = process.hrtime.bigint();
  for (let i = 0; i < TURNS; i++) {
    await adapter.processActivity(SCRIPT[i % SCRIPT.length]!);
    adapter.activeQueue.splice(0);
  }
  return TURNS / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The bot as the server wires it (createBotApp), driven past the HTTP adapter. */
function privacyBot(store: StoreEngine): PrivacyBot {
  return createBotApp(loadConfig({ AUDIT_SALT: 'bench' }), store, pino({ level: 'silent' })).bot;
}

async function main(): Promise<void> {
  const echo = new ActivityHandler().onMessage(async (context, next) => {
    await context.sendActivity(`echo ${context.activity.text ?? ''}`);
    await next();
  });
  const echoRate = await timeTurns(adapterFor((context) => echo.run(context)));

  const dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-bench-'));
  const embedded = await openStore({ store: 'embedded', dataDir, redisUrl: '' });
  await embedded.publishers.put(demoPublisher, 'new');
  const embeddedBot = privacyBot(embedded);
  const embeddedRate = await timeTurns(adapterFor((context) => embeddedBot.run(context)));
  await embedded.close();
  await rm(dataDir, { recursive: true, force: true });

  const rows: [string, number][] = [['echo bot (baseline)', echoRate], ['privacy bot, embedded store', embeddedRate]];
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `ppa-bench-${process.pid}:`;
  const redis = await openStore({ store: 'redis', dataDir: '', redisUrl, keyPrefix: prefix }).catch(() => undefined);
  if (redis) {
    await redis.publishers.put(demoPublisher, 'any');
    const redisBot = privacyBot(redis);
    rows.push(['privacy bot, Redis store', await timeTurns(adapterFor((context) => redisBot.run(context)))]);
    await redis.publishers.delete(demoPublisher.id, 'any');
    for (const key of await redis.kv.keys('')) await redis.kv.delete(key);
    await redis.close();
  } else {
    console.warn(`(Redis at ${redisUrl} did not answer: its row is left out)`);
  }

  console.log(`${TURNS} turns each (menu, contact info, offers, records), in one run:\n`);
  for (const [name, rate] of rows) {
    console.log(`${name.padEnd(32)} ${rate.toFixed(0).padStart(7)} turns/s   ${(echoRate / rate).toFixed(1).padStart(5)}× the echo bot's time per turn`);
  }
}

void main();
