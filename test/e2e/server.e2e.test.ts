/** The server process itself: configuration, authentication, readiness, persistence, shutdown. */
import assert from 'node:assert/strict';
import { recordVersion } from '../../src/domain/partVersions';
import { demoPublisher } from '../../src/demo/demoPublisher';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { USERS } from '../helpers/fixtures';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl, requireRedis } from '../helpers/redis';
import { HttpChannel, RunningServer } from '../helpers/server';

const ROOT = path.resolve(__dirname, '../..');

describe('Server process', function () {
  this.timeout(60_000);

  it('refuses to start on a bad setting and names the variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/bot/index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1', PORT: 'eighty', STORE: 'mongo' },
      encoding: 'utf8',
    });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /PORT/);
    assert.match(result.stderr, /STORE/);
  });

  it('runs unauthenticated without MicrosoftAppId, and says so once', async () => {
    const server = await RunningServer.start();
    try {
      assert.equal(server.output.match(/MicrosoftAppId is not set/g)?.length, 1);
      const replies = await new HttpChannel(server, USERS.admin, 'en-US').say('menu');
      assert.equal(replies.length, 1);
    } finally {
      await server.stop();
    }
  });

  it('rejects an unauthenticated request when MicrosoftAppId is set', async () => {
    const server = await RunningServer.start({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant', AUDIT_SALT: 'a-test-salt-of-16-chars-or-more' });
    try {
      assert.doesNotMatch(server.output, /MicrosoftAppId is not set/);
      const { status } = await new HttpChannel(server, USERS.admin, 'en-US').post({ type: 'message', text: 'menu', deliveryMode: 'expectReplies' });
      assert.equal(status, 401);
    } finally {
      await server.stop();
    }
  });

  it('keeps data across restarts and loads the demo publisher only into an empty store', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-restart-'));
    try {
      let server = await RunningServer.start({ DATA_DIR: dataDir });
      assert.match(server.output, /loaded the demo publisher/);
      const channel = new HttpChannel(server, USERS.admin, 'en-US');
      await channel.say('menu');
      const record = demoPublisher.requestRecords.find((r) => r.id === 'req-20240312-001');
      const { body } = await channel.execute('record.delete.execute', { recordId: 'req-20240312-001', v: recordVersion(record) });
      assert.match(JSON.stringify(body), /Erasure receipt/);
      assert.equal(await server.stop('SIGTERM', false), 0, 'SIGTERM exits 0');

      server = await RunningServer.start({ DATA_DIR: dataDir });
      assert.doesNotMatch(server.output, /loaded the demo publisher/);
      const records = await new HttpChannel(server, USERS.admin, 'en-US').say('records');
      assert.doesNotMatch(JSON.stringify(records), /req-20240312-001/);
      assert.match(JSON.stringify(records), /req-20250108-004/);
      assert.equal(await server.stop('SIGINT', false), 0, 'SIGINT exits 0');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('finishes a turn in flight before it exits on SIGTERM', async () => {
    const server = await RunningServer.start();
    const channel = new HttpChannel(server, USERS.admin, 'en-US');
    const turns = Array.from({ length: 5 }, () => channel.say('records'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const code = server.stop('SIGTERM');
    const replies = await Promise.allSettled(turns);
    assert.equal(await code, 0);
    const answered = replies.filter((r) => r.status === 'fulfilled');
    const refused = replies.filter((r) => r.status === 'rejected');
    assert.ok(answered.every((r) => r.value.length === 1), 'every accepted turn got its reply');
    assert.equal(answered.length + refused.length, 5);
  });

  describe('on Redis', () => {
    before(async function () {
      await requireRedis(this);
    });

    it('never loads demo data into Redis and answers on a shared store', async () => {
      const prefix = randomKeyPrefix('server');
      const server = await RunningServer.start({ STORE: 'redis', REDIS_URL: redisUrl(), REDIS_KEY_PREFIX: prefix });
      try {
        assert.doesNotMatch(server.output, /loaded the demo publisher/);
        assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
        const replies = await new HttpChannel(server, USERS.admin, 'en-US').say('menu');
        assert.match(JSON.stringify(replies), /No publisher account found/);
      } finally {
        await server.stop();
        await deleteKeysWithPrefix(prefix);
      }
    });

    it('reports 503 on /readyz when its Redis goes away, and 200 on /healthz', async () => {
      const port = await freePort();
      const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      try {
        await waitFor(async () => (await tryConnect(port)) === true);
        const server = await RunningServer.start({ STORE: 'redis', REDIS_URL: `redis://127.0.0.1:${port}` });
        try {
          assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
          redis.kill('SIGKILL');
          await waitFor(async () => (await fetch(`${server.url}/readyz`)).status === 503);
          assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
        } finally {
          await server.stop('SIGKILL');
        }
      } finally {
        redis.kill('SIGKILL');
      }
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function tryConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
}
