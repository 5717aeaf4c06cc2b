/**
 * The Redis test helper's promise: a missing Redis skips loudly on a laptop and fails in CI.
 */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { requireRedis } from '../helpers/redis';

const NOTHING_THERE = 'redis://127.0.0.1:1';

describe('test helper requireRedis', () => {
  const ci = process.env.CI;
  afterEach(() => {
    sinon.restore();
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  it('skips with a loud warning when nothing answers', async () => {
    delete process.env.CI;
    const warn = sinon.stub(console, 'warn');
    const skip = sinon.stub();
    await requireRedis({ skip: skip as unknown as Mocha.Context['skip'] }, NOTHING_THERE);
    assert.equal(skip.callCount, 1);
    assert.match(String(warn.firstCall.args[0]), /REDIS SUITE SKIPPED/);
  });

  it('fails instead when CI=true', async () => {
    process.env.CI = 'true';
    const skip = sinon.stub();
    await assert.rejects(requireRedis({ skip: skip as unknown as Mocha.Context['skip'] }, NOTHING_THERE), /CI=true.*REDIS_URL/);
    assert.equal(skip.callCount, 0);
  });
});
