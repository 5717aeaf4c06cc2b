/**
 * `npm run playground`: the bot as `npm start` runs it (embedded store in DATA_DIR, default ./data,
 * with the demo publisher) and the Microsoft 365 Agents Playground in front of it, offline, so the
 * bot can be tried in a browser as a Teams user. PORT (bot, default 3978) and PLAYGROUND_PORT
 * (default 56150) choose the ports. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { RunningPlayground, stopChild, waitUntilAnswers } from '../test/helpers/playground';

const ROOT = path.resolve(__dirname, '..');

/**
 * A port from the environment. The bot's must be a fixed one: the playground is told where it
 * listens. The playground's may be 0 (any): we read where it went.
 */
function portFromEnv(name: string, fallback: number, allowAny: boolean): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  const lowest = allowAny ? 0 : 1;
  if (!Number.isInteger(port) || port < lowest || port > 65_535) throw new Error(`${name} must be a port number from ${lowest} to 65535, got "${raw}"`);
  return port;
}

let bot: ChildProcess | undefined;
let playground: RunningPlayground | undefined;
let stopping = false;

/** Stops whatever was started, then exits: every way out goes through here so no child outlives us. */
async function stopAndExit(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.all([playground?.stop(), bot ? stopChild(bot) : undefined]);
  }
  process.exit(code);
}

/**
 * A child that stops takes the other one with it. Ctrl-C signals the children as well as us, and
 * one of them may finish before our own handler runs: that is a normal stop, not a crash.
 */
function stopAllWhenItExits(name: string, child: ChildProcess): void {
  child.once('exit', (code, signal) => {
    if (stopping) return;
    if (code === 0 || signal === 'SIGINT') return void stopAndExit(0);
    console.error(`\n${name} stopped unexpectedly (${code ?? signal}); stopping the rest.`);
    void stopAndExit(1);
  });
}

async function main(): Promise<void> {
  const botPort = portFromEnv('PORT', 3978, false);
  const playgroundPort = portFromEnv('PLAYGROUND_PORT', 56_150, true);
  const botUrl = `http://127.0.0.1:${botPort}`;
  // Ctrl-C reaches the children too (same process group); stopping them again is harmless.
  process.once('SIGINT', () => void stopAndExit(0));
  process.once('SIGTERM', () => void stopAndExit(0));

  // The bot from its sources under tsx (no build step before trying a change), with `npm start`'s flag
  // that hides restify 11's harmless http_parser deprecation (DEP0111, printed twice otherwise).
  bot = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'src/bot/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(botPort) },
    stdio: 'inherit',
  });
  stopAllWhenItExits('The bot', bot);
  await waitUntilAnswers(`${botUrl}/readyz`, (status) => status === 200, bot);

  playground = RunningPlayground.launch({ botEndpoint: `${botUrl}/api/messages`, port: playgroundPort, echo: true });
  stopAllWhenItExits('The Agents Playground', playground.process);
  await playground.ready();
  if (playgroundPort !== 0 && playground.port !== playgroundPort) console.warn(`\nPLAYGROUND_PORT ${playgroundPort} is taken: the playground listens on ${playground.port} instead.`);

  const dataDir = process.env.DATA_DIR?.trim() || './data';
  console.log(
    [
      '',
      'Publisher Privacy Assistant is ready to try.',
      `  Open   http://localhost:${playground.port}   in a browser.`,
      '  You are Alex Wilber, admin of the demo publisher 上海云帆信息技术有限公司.',
      '  Type "menu" (or "菜单"); "language" / "语言" switches to Chinese (the playground always reports en-US).',
      `  Bot: ${botUrl}/api/messages · data: ${dataDir} (delete it to start again from the demo data)`,
      '  Ctrl-C stops both.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  if (stopping) return;
  console.error(error instanceof Error ? error.message : error);
  void stopAndExit(1);
});
