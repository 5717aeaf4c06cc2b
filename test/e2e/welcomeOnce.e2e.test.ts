/**
 * A personal install: Teams sends installationUpdate and conversationUpdate for one conversation at
 * the same moment, maybe to two bot instances. Sent truly concurrently through real servers, on the
 * embedded engine (two processes on one data directory) and on Redis (two on one key prefix), the
 * welcome card is shown exactly once per conversation.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { translator } from '../../src/i18n';
import { USERS } from '../helpers/fixtures';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl, requireRedis } from '../helpers/redis';
import { HttpChannel, RunningServer } from '../helpers/server';

const WELCOME_TITLE = translator('zh-CN')('welcome.title');
const ROUNDS = 6;

/** The two install activities of one conversation, posted at once (to `first` and `second`); how many welcomes came back. */
async function installOnce(first: RunningServer, second: RunningServer, round: number): Promise<number> {
  const conversation = { id: `a:welcome-${round}-${Math.random().toString(36).slice(2)}`, conversationType: 'personal', isGroup: false, name: '' };
  const user = { id: `29:${USERS.admin.objectId}`, name: USERS.admin.name };
  const activities: Partial<Activity>[] = [
    { type: 'installationUpdate', action: 'add', conversation, deliveryMode: 'expectReplies' },
    { type: 'conversationUpdate', membersAdded: [user], conversation, deliveryMode: 'expectReplies' },
  ];
  const answers = await Promise.all(
    activities.map((activity, i) => new HttpChannel(i === 0 ? first : second, USERS.admin, 'zh-CN').post(activity)),
  );
  for (const answer of answers) assert.equal(answer.status, 200);
  return answers.map((answer) => JSON.stringify(answer.body ?? '').split(WELCOME_TITLE).length - 1).reduce((a, b) => a + b, 0);
}

/** Every round, on one server and split across both, welcomes exactly once. */
async function assertWelcomesOnce(servers: () => [RunningServer, RunningServer]): Promise<void> {
  const [a, b] = servers();
  const counts: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) counts.push(await installOnce(a, round % 2 === 0 ? a : b, round));
  assert.deepEqual(counts, Array.from({ length: ROUNDS }, () => 1), 'one welcome card per installed conversation');
}

describe('Welcome once per install (two concurrent activities, two bot processes)', function () {
  this.timeout(120_000);

  describe('on the embedded engine', () => {
    let dataDir: string;
    let servers: [RunningServer, RunningServer];
    before(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-welcome-'));
      servers = [await RunningServer.start({ DATA_DIR: dataDir }), await RunningServer.start({ DATA_DIR: dataDir })];
    });
    after(async () => {
      for (const server of servers ?? []) await server.stop('SIGTERM', false);
      await rm(dataDir, { recursive: true, force: true });
    });

    it('welcomes once', async () => assertWelcomesOnce(() => servers));
  });

  describe('on Redis', () => {
    const prefix = randomKeyPrefix('welcome');
    let servers: [RunningServer, RunningServer] | undefined;
    before(async function () {
      await requireRedis(this);
      const env = { STORE: 'redis', REDIS_URL: redisUrl(), REDIS_KEY_PREFIX: prefix };
      servers = [await RunningServer.start(env), await RunningServer.start(env)];
    });
    after(async () => {
      for (const server of servers ?? []) await server.stop();
      if (servers) await deleteKeysWithPrefix(prefix);
    });

    it('welcomes once', async () => assertWelcomesOnce(() => servers ?? assert.fail('servers did not start')));
  });
});
