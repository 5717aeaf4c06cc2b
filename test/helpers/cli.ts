/**
 * The operator CLI (src/cli/<name>.ts) run as an operator runs it, in its own Node process under tsx,
 * and the two store engines its tests run on: embedded in a fresh temp DATA_DIR, Redis in a dedicated
 * logical database held by one run at a time (flushed whole, so a run sees only what it wrote).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createClient } from 'redis';
import type { Publisher } from '../../src/domain/publisher';
import type { PrivacyExport } from '../../src/service/privacyService';
import { redisUrl, requireRedis } from './redis';

export const REPO_ROOT = path.join(__dirname, '..', '..');
export const SAMPLE_FILE = path.join(REPO_ROOT, 'examples', 'publishers.sample.json');

/** The Redis logical database the CLI tests own: flushed before and after each test, never another one. */
export const CLI_REDIS_DB = 13;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

// Settings of the test runner's own environment that must not leak into the CLI under test.
const ISOLATED = ['STORE', 'DATA_DIR', 'REDIS_URL', 'REDIS_KEY_PREFIX', 'AUDIT_SALT', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LOG_LEVEL', 'DEMO_DATA'];

/**
 * Runs `node --import tsx src/cli/<name>.ts ...args` from the repository root with the runner's
 * environment minus store and locale settings, plus `env`. Rejects when the process is killed or
 * exceeds `timeoutMs`, so a crash never passes for a "non-zero exit".
 */
export function runCli(name: 'import' | 'export' | 'erase' | 'purgeRecords', args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<CliRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !ISOLATED.includes(key)));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'cli', `${name}.ts`), ...args], {
    cwd: REPO_ROOT,
    env: { ...inherited, NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const run = { stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
      if (code === null) reject(new Error(`cli ${name} ended by ${signal ?? 'unknown signal'}; stderr: ${run.stderr}`));
      else resolve({ code, ...run });
    });
  });
}

/** A store engine as the CLI selects it (STORE, DATA_DIR, REDIS_URL), emptied for every test. */
export interface CliEngine {
  readonly name: 'embedded' | 'redis';
  /** For `before`: skips (or, under CI=true, fails) the Redis suite when Redis is down. */
  prepare(ctx: Mocha.Context): Promise<void>;
  /** An empty store; returns the environment that selects it. */
  fresh(): Promise<NodeJS.ProcessEnv>;
  /** Everything the engine holds: file paths under DATA_DIR, or key names in the database. */
  written(): Promise<string[]>;
  /** For `afterEach`. */
  clean(): Promise<void>;
  /** For `after`. */
  dispose(): Promise<void>;
}

export function cliEngines(): CliEngine[] {
  return [embeddedEngine(), redisEngine()];
}

function embeddedEngine(): CliEngine {
  let dataDir: string | undefined;
  return {
    name: 'embedded',
    prepare: () => Promise.resolve(),
    fresh: async () => {
      dataDir = await fs.mkdtemp(path.join(tmpdir(), 'ppa-cli-data-'));
      return { STORE: 'embedded', DATA_DIR: dataDir };
    },
    written: async () => (dataDir === undefined ? [] : filesUnder(dataDir)),
    clean: async () => {
      if (dataDir !== undefined) await fs.rm(dataDir, { recursive: true, force: true });
      dataDir = undefined;
    },
    dispose: () => Promise.resolve(),
  };
}

function redisEngine(): CliEngine {
  const url = withDatabase(redisUrl(), CLI_REDIS_DB);
  const client = createClient({ url });
  client.on('error', () => undefined);
  const lock = new SuiteLock(withDatabase(redisUrl(), LOCK_DB));
  const flush = async (): Promise<void> => {
    if (!client.isOpen) return;
    // Guard: flush only when this connection really sits on the dedicated database.
    const info = await client.sendCommand<string>(['CLIENT', 'INFO']);
    if (!new RegExp(`\\bdb=${CLI_REDIS_DB}\\b`).test(info)) throw new Error(`not on Redis db ${CLI_REDIS_DB}: ${info}`);
    await client.flushDb();
  };
  return {
    name: 'redis',
    prepare: async (ctx) => {
      await requireRedis(ctx);
      ctx.timeout(LOCK_WAIT_MS + 10_000);
      await lock.acquire();
      if (!client.isOpen) await client.connect();
    },
    fresh: async () => {
      await flush();
      return { STORE: 'redis', REDIS_URL: url };
    },
    written: async () => {
      const keys: string[] = [];
      for await (const batch of client.scanIterator({ COUNT: 1_000 })) keys.push(...batch);
      return keys.sort();
    },
    clean: flush,
    dispose: async () => {
      try {
        await flush();
        if (client.isOpen) await client.close();
      } finally {
        await lock.release();
      }
    },
  };
}

function withDatabase(base: string, db: number): string {
  const url = new URL(base);
  url.pathname = `/${db}`;
  return url.toString();
}

// Two runs of this suite at once (two developers, or a full run beside a focused one) would flush each
// other's data in the one database: a Redis suite holds this lease, kept in another database, while it runs.
const LOCK_DB = 0;
const LOCK_KEY = `ppa-cli-test-lock:db${CLI_REDIS_DB}`;
const LOCK_LEASE_MS = 60_000;
const LOCK_WAIT_MS = 300_000;
const RELEASE_IF_OURS = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
const RENEW_IF_OURS = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0";

class SuiteLock {
  private readonly client;
  private readonly token = randomBytes(12).toString('hex');
  private renewal: NodeJS.Timeout | undefined;

  constructor(url: string) {
    this.client = createClient({ url });
    this.client.on('error', () => undefined);
  }

  async acquire(): Promise<void> {
    if (!this.client.isOpen) await this.client.connect();
    const deadline = Date.now() + LOCK_WAIT_MS;
    while ((await this.client.set(LOCK_KEY, this.token, { condition: 'NX', expiration: { type: 'PX', value: LOCK_LEASE_MS } })) !== 'OK') {
      if (Date.now() > deadline) throw new Error(`another run held ${LOCK_KEY} (Redis db ${LOCK_DB}) for ${LOCK_WAIT_MS} ms`);
      await delay(250);
    }
    this.renewal = setInterval(() => {
      this.client.eval(RENEW_IF_OURS, { keys: [LOCK_KEY], arguments: [this.token, String(LOCK_LEASE_MS)] }).catch(() => undefined);
    }, LOCK_LEASE_MS / 4);
    this.renewal.unref();
  }

  async release(): Promise<void> {
    clearInterval(this.renewal);
    this.renewal = undefined;
    if (!this.client.isOpen) return;
    await this.client.eval(RELEASE_IF_OURS, { keys: [LOCK_KEY], arguments: [this.token] });
    await this.client.close();
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** Import files written for one test, in a temp dir of their own (never inside DATA_DIR). */
export class TempFiles {
  private dir: string | undefined;

  /** Writes text as UTF-8, or bytes as they are. */
  async write(name: string, content: string | Uint8Array): Promise<string> {
    this.dir ??= await fs.mkdtemp(path.join(tmpdir(), 'ppa-cli-file-'));
    const file = path.join(this.dir, name);
    await fs.writeFile(file, content);
    return file;
  }

  /** Writes `{ "publishers": [...] }` as the operator would, pretty-printed UTF-8. */
  writeImport(name: string, content: unknown): Promise<string> {
    return this.write(name, `${JSON.stringify(content, null, 2)}\n`);
  }

  async removeAll(): Promise<void> {
    if (this.dir !== undefined) await fs.rm(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

export interface ImportFile {
  publishers: Publisher[];
}

/** A fresh copy of examples/publishers.sample.json, parsed. */
export async function readSample(): Promise<ImportFile> {
  return JSON.parse(await fs.readFile(SAMPLE_FILE, 'utf8')) as ImportFile;
}

/** The export document on stdout; throws if stdout holds anything but one JSON document. */
export function parseExport(stdout: string): PrivacyExport {
  return JSON.parse(stdout) as PrivacyExport;
}

/** Runs `export ID`, which must succeed, and parses its stdout. */
export async function exportPublisher(publisherId: string, env: NodeJS.ProcessEnv): Promise<PrivacyExport> {
  const run = await runCli('export', [publisherId], env);
  if (run.code !== 0) throw new Error(`export ${publisherId} exited ${run.code}; stderr: ${run.stderr}`);
  return parseExport(run.stdout);
}

/** Runs `import FILE`, which must succeed. */
export async function importFile(file: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  const run = await runCli('import', [file], env);
  if (run.code !== 0) throw new Error(`import ${file} exited ${run.code}; stderr: ${run.stderr}`);
  return run;
}

/** Writes `{ publishers }` to a temp file and imports it with the import command (which must succeed). */
export async function importWithCli(publishers: Publisher[], env: NodeJS.ProcessEnv, options: readonly string[] = []): Promise<void> {
  const files = new TempFiles();
  try {
    const file = await files.writeImport('publishers.json', { publishers });
    const run = await runCli('import', [file, ...options], env);
    if (run.code !== 0) throw new Error(`import exited ${run.code}: ${run.stderr}`);
  } finally {
    await files.removeAll();
  }
}
