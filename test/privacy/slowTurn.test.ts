/**
 * Found while testing the residue scenarios: a Teams turn that outlasts the typing delay (800 ms) and
 * whose typing indicator fails to send after the turn has ended must not take the server down.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { USERS } from '../helpers/fixtures';
import { HttpChannel, RunningServer } from '../helpers/server';

/** A Bot Connector that answers the member look-up after 1 s (404) and every posted activity after 1.5 s (400). */
function slowConnector(): { server: Server; typingRefused: Promise<void> } {
  let refused: () => void = () => undefined;
  const typingRefused = new Promise<void>((resolve) => (refused = resolve));
  const server = createServer((req, res) => {
    req.resume();
    const posted = req.method === 'POST';
    setTimeout(() => {
      // Two statements: restify (loaded in the same test process) patches writeHead to return nothing.
      res.writeHead(posted ? 400 : 404, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"BadArgument","message":"no"}}');
      if (posted) refused();
    }, posted ? 1_500 : 1_000);
  });
  return { server, typingRefused };
}

describe('A slow Teams turn', function () {
  this.timeout(30_000);

  it('does not crash the server when its typing indicator fails after the turn ended', async () => {
    const connector = slowConnector();
    await new Promise<void>((resolve) => connector.server.listen(0, '127.0.0.1', resolve));
    const server = await RunningServer.start();
    try {
      // An AAD user on no publisher's list: the bot asks Teams for their UPN, which takes a second.
      const serviceUrl = `http://127.0.0.1:${(connector.server.address() as AddressInfo).port}`;
      const { status } = await new HttpChannel(server, USERS.stranger, 'en-US').post({ type: 'message', text: 'menu', deliveryMode: 'expectReplies', serviceUrl });
      assert.equal(status, 200);
      // Whether or not an indicator was attempted, the server must outlive the turn.
      await Promise.race([connector.typingRefused, delay(2_500)]);
      for (let i = 0; i < 5; i++) {
        await delay(200);
        const alive = await fetch(`${server.url}/healthz`).then((response) => response.status === 200, () => false);
        assert.ok(alive, `the server died after the turn:\n${server.output.split('\n').filter((line) => !line.includes('"level":30')).join('\n')}`);
      }
    } finally {
      await server.stop().catch(() => undefined);
      await new Promise<void>((resolve) => connector.server.close(() => resolve()));
    }
  });
});
