/**
 * redis-server processes the tests start themselves, on spare loopback ports with their files in a
 * temp directory: one server to take down (SIGKILL), hang (SIGSTOP) and bring back, and a real
 * three-master Redis Cluster. The shared Redis on 6379 is never touched.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';

/** A loopback port nothing listens on now (and, with `bus`, its cluster bus port + 10000 too). */
export async function freePort(bus = false): Promise<number> {
  for (;;) {
    const port = await listenOnce(0);
    if (!bus) return port;
    if (port + 10_000 <= 65_535 && (await portIsFree(port + 10_000))) return port;
  }
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : port));
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  try {
    await listenOnce(port);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` holds; counts attempts, so a slow machine only waits longer. */
export async function waitUntil(check: () => Promise<boolean>, what: string, attempts = 300): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting until ${what}`);
}

/** Whether a redis-server answers PING on `port`. */
export async function answersPing(port: number): Promise<boolean> {
  const client = createClient({ url: `redis://127.0.0.1:${port}`, socket: { connectTimeout: 500, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** One redis-server of our own: no persistence, so a restart comes back empty. */
export class SpareRedis {
  private process: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly extraArgs: string[],
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(extraArgs: string[] = [], port?: number): Promise<SpareRedis> {
    const dir = await mkdtemp(path.join(tmpdir(), 'ppa-redis-'));
    const server = new SpareRedis(port ?? (await freePort(extraArgs.includes('--cluster-enabled'))), dir, extraArgs);
    await server.launch();
    return server;
  }

  /** Starts (again) on the same port. */
  async launch(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, ...this.extraArgs];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.process = child;
    let failed: Error | undefined;
    child.once('error', (error) => (failed = error)); // e.g. ENOENT: redis-server is not installed
    await waitUntil(async () => {
      if (failed !== undefined) throw new Error(`could not start redis-server: ${failed.message}`);
      return child.exitCode === null && (await answersPing(this.port));
    }, `redis-server answers on ${this.port}`);
  }

  /** Down: the process is gone, connections reset, the port refuses. */
  async kill(): Promise<void> {
    const child = this.process;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGCONT'); // a stopped process dies on SIGKILL too, but only after it is scheduled
    child.kill('SIGKILL');
    await exited;
  }

  /** Hung: the sockets stay open and accept bytes, nothing answers. */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  resume(): void {
    this.process?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    await this.kill();
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Kills the process and removes its files at once (for a process `exit` handler). */
  killNow(): void {
    this.process?.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A real Redis Cluster of three masters (no replicas) on loopback. */
export class LocalCluster {
  private constructor(readonly nodes: SpareRedis[]) {}

  /** The seed nodes, as REDIS_CLUSTER_NODES lists them. */
  get urls(): string[] {
    return this.nodes.map((node) => node.url);
  }

  static async start(masters = 3): Promise<LocalCluster> {
    const nodes: SpareRedis[] = [];
    try {
      for (let i = 0; i < masters; i += 1) {
        nodes.push(await SpareRedis.start(['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000']));
      }
      const created = spawnSync('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
      const cluster = new LocalCluster(nodes);
      await waitUntil(() => cluster.isHealthy(), 'every node reports cluster_state:ok', 600);
      return cluster;
    } catch (error) {
      await Promise.all(nodes.map((node) => node.stop()));
      throw error;
    }
  }

  /** Every node says the cluster is ok and knows every master (slots assigned, gossip converged). */
  async isHealthy(): Promise<boolean> {
    for (const node of this.nodes) {
      const client = createClient({ url: node.url, socket: { connectTimeout: 500, reconnectStrategy: false } });
      client.on('error', () => undefined);
      try {
        await client.connect();
        const info = String(await client.clusterInfo());
        if (!/cluster_state:ok/.test(info) || !new RegExp(`cluster_known_nodes:${this.nodes.length}\\b`).test(info)) return false;
      } catch {
        return false;
      } finally {
        if (client.isOpen) client.destroy();
      }
    }
    return true;
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
  }

  killNow(): void {
    for (const node of this.nodes) node.killNow();
  }
}

let shared: Promise<LocalCluster> | undefined;

/**
 * One three-master cluster for every suite of this test process that only stores in it (suites
 * that break nodes start their own). Started on first use; killed when the process exits (mocha
 * runs with `exit: true`), synchronously, so no redis-server outlives the run.
 */
export function sharedCluster(): Promise<LocalCluster> {
  if (shared === undefined) {
    shared = LocalCluster.start();
    void shared.then((cluster) => process.once('exit', () => cluster.killNow()), () => undefined);
  }
  return shared;
}

/** For a `before` hook: the shared cluster, or a loud skip without redis-server (a failure when CI=true). */
export async function requireCluster(ctx: Pick<Mocha.Context, 'skip'>): Promise<LocalCluster> {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.status !== 0 && process.env.CI !== 'true') {
    const line = '!'.repeat(78);
    console.warn(`\n${line}\n!!! REDIS CLUSTER SUITE SKIPPED: redis-server is not installed (apt-get install redis-server).`);
    console.warn(`!!! In CI (CI=true) this fails the run.\n${line}\n`);
    ctx.skip();
  }
  return sharedCluster();
}
