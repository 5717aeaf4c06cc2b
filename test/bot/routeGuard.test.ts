/** A bug in one request — a throw or a rejected promise — is answered 500 with a correlation id and ends nothing. */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import restify from 'restify';
import { createLogger } from '../../src/log';
import { guarded } from '../../src/bot/routeGuard';

describe('bot/routeGuard', () => {
  let server: restify.Server;
  let log = '';
  let url = '';
  before(async () => {
    const logger = createLogger('info', new Writable({ write: (chunk: Buffer, _e, done) => ((log += chunk.toString('utf8')), done()) }));
    server = restify.createServer({ handleUncaughtExceptions: false });
    server.get('/sync', guarded(logger, () => {
      throw Object.assign(new TypeError('secret 13800138000'), { code: 'E-BUG' });
    }));
    server.get('/async', guarded(logger, async () => {
      await Promise.resolve();
      throw new RangeError('secret 13800138000');
    }));
    server.get('/ok', guarded(logger, (_req, res) => {
      res.send(200, { ok: true });
    }));
    await new Promise<void>((resolve) => {
      server.server.listen(0, '127.0.0.1', resolve);
    });
    url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.server.close();
  });

  for (const [path, name] of [['/sync', 'TypeError'], ['/async', 'RangeError']] as const) {
    it(`${path === '/sync' ? 'a throw' : 'a rejection'}: 500 with a correlation id, no internals, logged by name`, async () => {
      const response = await fetch(`${url}${path}`);
      assert.equal(response.status, 500);
      const body = (await response.json()) as { error: string; correlationId: string };
      assert.equal(body.error, 'internal error');
      assert.match(body.correlationId, /^[0-9a-f-]{36}$/);
      assert.doesNotMatch(JSON.stringify(body), /secret|13800138000|Error/);
      assert.match(log, new RegExp(`"correlationId":"${body.correlationId}"[^\\n]*"type":"${name}"`));
      assert.doesNotMatch(log, /13800138000/);
      assert.equal((await fetch(`${url}/ok`)).status, 200, 'the server goes on serving');
    });
  }
});
