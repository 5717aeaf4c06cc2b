/**
 * The HTTP edge against hostile requests, through the real server process: query shapes that once
 * ended the process, compressed and multipart bodies, bodies that never end, and the uniform answer
 * every refused /wechat request gets.
 */
import assert from 'node:assert/strict';
import { request, type IncomingMessage } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync, deflateSync } from 'node:zlib';
import { MiB, processMemory } from '../helpers/processMemory';
import { RunningServer } from '../helpers/server';
import { wechatEnv, wechatPeer, newOpenid } from '../helpers/wechat';

/** What every refused /wechat request gets, whichever check failed (README, "WeChat official account"). */
const WECHAT_REFUSAL = { status: 400, body: 'bad request' };

describe('HTTP edge under hostile requests', function () {
  this.timeout(120_000);
  let server: RunningServer;
  let serverTmp: string;
  before(async () => {
    serverTmp = await mkdtemp(path.join(tmpdir(), 'ppa-hostile-tmp-'));
    server = await RunningServer.start(wechatEnv('plain', { TMPDIR: serverTmp }));
  });
  after(async () => {
    await server.stop();
    await rm(serverTmp, { recursive: true, force: true });
  });

  async function assertAlive(): Promise<void> {
    assert.ok(server.alive, `the server process ended:\n${server.output.slice(-2000)}`);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  }

  /** Waits (briefly: the log is a pipe, read asynchronously) for the server's log to match `pattern`. */
  async function logged(pattern: RegExp): Promise<void> {
    for (let attempt = 0; attempt < 100 && !pattern.test(server.output); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.match(server.output, pattern);
  }

  async function wechatAnswer(method: 'GET' | 'POST', query: string, body?: string): Promise<{ status: number; body: string }> {
    const response = await fetch(`${server.url}/wechat?${query}`, { method, ...(body !== undefined ? { body, headers: { 'content-type': 'text/xml' } } : {}) });
    return { status: response.status, body: await response.text() };
  }

  describe('query shapes (issue 9, item 1)', () => {
    // Each is a validly signed request with one parameter repeated or bracketed, as qs-style parsers read them.
    const shapes: Array<[string, (query: URLSearchParams) => string]> = [
      ['signature repeated', (q) => `${q.toString()}&signature=${q.get('signature') ?? ''}`],
      ['signature repeated with another value', (q) => `${q.toString()}&signature=b`],
      ['signature[]', (q) => q.toString().replace('signature=', 'signature[]=')],
      ['signature[x]', (q) => q.toString().replace('signature=', 'signature[x]=')],
      ['timestamp repeated', (q) => `${q.toString()}&timestamp=${q.get('timestamp') ?? ''}`],
      ['timestamp[]', (q) => q.toString().replace('timestamp=', 'timestamp[]=')],
      ['nonce[a][b]', (q) => q.toString().replace('nonce=', 'nonce[a][b]=')],
      ['echostr[]', (q) => q.toString().replace('echostr=', 'echostr[]=')],
      ['echostr repeated', (q) => `${q.toString()}&echostr=x`],
      ['__proto__[signature]', (q) => `${q.toString()}&__proto__[signature]=x&constructor[prototype][x]=1`],
    ];

    for (const [name, shape] of shapes) {
      it(`GET /wechat with ${name}: refused like any bad request, and the process lives`, async () => {
        const { query } = wechatPeer(server, 'plain').sign('');
        query.set('echostr', '12345');
        assert.deepEqual(await wechatAnswer('GET', shape(query)), WECHAT_REFUSAL);
        await assertAlive();
      });

      it(`POST /wechat with ${name}: refused like any bad request, and the process lives`, async () => {
        const peer = wechatPeer(server, 'plain');
        const { query, body } = peer.sign(peer.messageXml(newOpenid(), { MsgType: 'text', Content: '菜单', MsgId: String(Date.now()) }));
        query.set('echostr', '12345');
        assert.deepEqual(await wechatAnswer('POST', shape(query), body), WECHAT_REFUSAL);
        await assertAlive();
      });
    }

    it('still answers the URL check and a message when the query is what WeChat sends', async () => {
      const peer = wechatPeer(server, 'plain');
      const { query } = peer.sign('');
      query.set('echostr', '12345');
      assert.deepEqual(await wechatAnswer('GET', query.toString()), { status: 200, body: '12345' });
      assert.match((await peer.sendText(newOpenid(), '菜单')).text, /尚未绑定/);
    });
  });

  describe('compressed bodies (issue 9, item 2)', () => {
    it('refuses gzip and deflate bodies with 415 without inflating them: the peak memory stays flat', async () => {
      // 128 MiB of zeros are ~128 KiB on the wire: under the body limit, which counts wire bytes.
      const bomb = gzipSync(Buffer.alloc(128 * MiB));
      const before = await processMemory(server.pid);
      const statuses: number[] = [];
      for (let round = 0; round < 5; round++) {
        const answers = await Promise.all(
          Array.from({ length: 4 }, async () => {
            const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bomb });
            await response.arrayBuffer();
            return response.status;
          }),
        );
        statuses.push(...answers);
      }
      const after = await processMemory(server.pid);
      const growth = after.peakRssBytes - before.peakRssBytes;
      assert.ok(growth < 50 * MiB, `peak RSS grew by ${Math.round(growth / MiB)} MiB over 20 gzip bombs`);
      assert.deepEqual(new Set(statuses), new Set([415]));

      const deflated = await fetch(`${server.url}/wechat?timestamp=1&nonce=1&signature=x`, { method: 'POST', headers: { 'content-type': 'text/xml', 'content-encoding': 'deflate' }, body: deflateSync(Buffer.from('<xml/>')) });
      assert.equal(deflated.status, 415);
      await assertAlive();
    });
  });

  describe('content types and sizes (issue 9, item 3)', () => {
    function multipart(): { body: Buffer; contentType: string } {
      const boundary = '----ppa-hostile-boundary';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        Buffer.alloc(100 * 1024, 7),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { body, contentType: `multipart/form-data; boundary=${boundary}` };
    }

    async function listTree(dir: string): Promise<string[]> {
      const entries = await readdir(dir, { recursive: true });
      return entries.map(String).sort();
    }

    it('refuses multipart and form bodies with 415 on both endpoints and writes no temp file', async () => {
      const filesBefore = await listTree(serverTmp);
      const { body, contentType } = multipart();
      const { query } = wechatPeer(server, 'plain').sign('');
      const statuses: string[] = [];
      for (const target of ['/api/messages', `/wechat?${query.toString()}`]) {
        for (let n = 0; n < 3; n++) {
          const response = await fetch(`${server.url}${target}`, { method: 'POST', headers: { 'content-type': contentType }, body });
          statuses.push(`${target.slice(0, 7)} multipart ${response.status}`);
        }
        const form = await fetch(`${server.url}${target}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'type=message&text=menu' });
        statuses.push(`${target.slice(0, 7)} form ${form.status}`);
      }
      assert.deepEqual(await listTree(serverTmp), filesBefore, 'the server wrote files to its temp folder');
      assert.deepEqual(statuses, ['/api/me multipart 415', '/api/me multipart 415', '/api/me multipart 415', '/api/me form 415', '/wechat multipart 415', '/wechat multipart 415', '/wechat multipart 415', '/wechat form 415']);
      await assertAlive();
    });

    it('accepts only JSON on /api/messages and only XML or text on /wechat', async () => {
      const asText = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"type":"message"}' });
      assert.equal(asText.status, 415);
      const noType = await fetch(`${server.url}/api/messages`, { method: 'POST', body: Buffer.from('{"type":"message"}') });
      assert.equal(noType.status, 415);
      const { query } = wechatPeer(server, 'plain').sign('');
      const asJson = await fetch(`${server.url}/wechat?${query.toString()}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(asJson.status, 415);
      const badJson = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
      assert.equal(badJson.status, 400);
    });

    /** Sends `bytes` of a chunked body and keeps the request open; resolves with the answer if one comes before the body ends. */
    function answerWhileUploading(target: string, contentType: string, bytes: number): Promise<number> {
      return new Promise((resolve, reject) => {
        const req = request(`${server.url}${target}`, { method: 'POST', headers: { 'content-type': contentType, 'transfer-encoding': 'chunked' } });
        // Generous: a server that waits for the whole body would never answer while it is still open.
        const timer = setTimeout(() => {
          req.destroy();
          reject(new Error('no answer while the body was still being sent: the limit is not enforced while reading'));
        }, 20_000);
        req.on('response', (response: IncomingMessage) => {
          clearTimeout(timer);
          response.resume();
          req.destroy();
          resolve(response.statusCode ?? 0);
        });
        req.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        const chunk = Buffer.alloc(8 * 1024, 0x61);
        for (let sent = 0; sent < bytes; sent += chunk.length) req.write(chunk);
      });
    }

    it('answers 413 as soon as a /wechat body passes 64 KiB, while it is still being sent', async () => {
      const { query } = wechatPeer(server, 'plain').sign('');
      assert.equal(await answerWhileUploading(`/wechat?${query.toString()}`, 'text/xml', 72 * 1024), 413);
      await assertAlive();
    });

    it('answers 413 as soon as an /api/messages body passes its limit, while it is still being sent', async () => {
      assert.equal(await answerWhileUploading('/api/messages', 'application/json', 300 * 1024), 413);
      await assertAlive();
    });

    it('answers 413 at once to a declared Content-Length over the limit', async () => {
      const { query } = wechatPeer(server, 'plain').sign('');
      const response = await fetch(`${server.url}/wechat?${query.toString()}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: 'x'.repeat(65 * 1024) });
      assert.equal(response.status, 413);
    });
  });

  describe('consistency (issue 9, item 11)', () => {
    it('answers every refused /wechat request alike, whichever check failed', async () => {
      const peer = wechatPeer(server, 'plain');
      const message = peer.messageXml(newOpenid(), { MsgType: 'text', Content: 'hi', MsgId: String(Date.now()) });
      const badSignature = peer.sign(message);
      badSignature.query.set('signature', 'f'.repeat(40));
      const stale = wechatPeer(server, 'plain', { now: () => Date.now() - 3_600_000 }).sign(message);
      const malformed = peer.sign('<xml><ToUserName>');
      const doctype = peer.sign(`<!DOCTYPE xml [<!ENTITY x "y">]>${message}`);
      const missingFields = peer.sign('<xml><MsgType>text</MsgType></xml>');
      const urlCheck = peer.sign('').query;
      urlCheck.set('signature', '0'.repeat(40));
      urlCheck.set('echostr', '1');
      const answers = [
        await wechatAnswer('POST', badSignature.query.toString(), badSignature.body),
        await wechatAnswer('POST', stale.query.toString(), stale.body),
        await wechatAnswer('POST', malformed.query.toString(), malformed.body),
        await wechatAnswer('POST', doctype.query.toString(), doctype.body),
        await wechatAnswer('POST', missingFields.query.toString(), missingFields.body),
        await wechatAnswer('POST', '', message),
        await wechatAnswer('GET', urlCheck.toString()),
        await wechatAnswer('GET', ''),
      ];
      for (const answer of answers) assert.deepEqual(answer, WECHAT_REFUSAL);
      // The log says which check failed, by its code.
      for (const code of ['E-WECHAT-SIGNATURE', 'E-WECHAT-TIMESTAMP', 'E-WECHAT-XML', 'E-WECHAT-QUERY']) await logged(new RegExp(`"code":"${code}"[^\n]*"wechat request refused"`));
    });

    it('keeps an idle keep-alive connection open past Node’s default 5 s (HTTP_KEEP_ALIVE_SECONDS, default 65)', async () => {
      const socket = connect(server.port, '127.0.0.1');
      let closed = false;
      socket.on('close', () => (closed = true));
      socket.on('error', () => (closed = true));
      const answer = (): Promise<string> =>
        new Promise((resolve) => {
          let text = '';
          const onData = (chunk: Buffer): void => {
            text += chunk.toString('utf8');
            if (/\r\n\r\n[\s\S]*"status":"ok"/.test(text)) {
              socket.off('data', onData);
              resolve(text);
            }
          };
          socket.on('data', onData);
          socket.once('close', () => resolve(text));
          socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
        });
      try {
        assert.match(await answer(), /^HTTP\/1\.1 200/);
        await new Promise((resolve) => setTimeout(resolve, 7_000));
        assert.equal(closed, false, 'the server closed the idle connection');
        assert.match(await answer(), /^HTTP\/1\.1 200/);
      } finally {
        socket.destroy();
      }
    });
  });
});
