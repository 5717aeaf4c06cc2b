/** A local stand-in for api.weixin.qq.com: stable_token and custom/send, with hooks to script failures. */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

export interface RecordedCall {
  path: string;
  token: string | undefined;
  body: Json;
}

export class FakeWechatApi {
  readonly tokenCalls: RecordedCall[] = [];
  readonly sendCalls: RecordedCall[] = [];
  /** Delays stable_token answers, to hold refreshes open while others arrive. */
  tokenDelayMs = 0;
  /** Replaces the stable_token answer. */
  tokenAnswer: ((body: Json) => { status?: number; json: unknown }) | undefined;
  /** Replaces the custom/send answer (after the token check when `checkToken` stays on). */
  sendAnswer: ((call: RecordedCall) => { status?: number; json: unknown; raw?: string }) | undefined;
  /** Runs before a send with a rejected token is answered: lets a test act "meanwhile". */
  beforeRejecting: (() => Promise<void>) | undefined;
  /** The errcode a rejected token gets. */
  rejectWith = 40001;

  private issued = 0;
  private current: string | undefined;
  private readonly valid = new Set<string>();
  private server: Server | undefined;

  /** Starts listening on a free port; returns the base URL. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    if (this.server === undefined) return;
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  /** Makes WeChat forget a token, as when another system forced a refresh. */
  revoke(token: string): void {
    this.valid.delete(token);
    if (this.current === token) this.current = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
    const call: RecordedCall = { path: url.pathname, token: url.searchParams.get('access_token') ?? undefined, body };
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      this.tokenCalls.push(call);
      if (this.tokenDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.tokenDelayMs));
      const answer = this.tokenAnswer?.(body) ?? { json: this.issue(body.force_refresh === true) };
      return reply(res, answer.status ?? 200, JSON.stringify(answer.json));
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/custom/send') {
      this.sendCalls.push(call);
      if (call.token === undefined || !this.valid.has(call.token)) {
        await this.beforeRejecting?.();
        const errmsg = 'invalid credential, access_token is invalid or not latest rid: 1';
        return reply(res, 200, JSON.stringify({ errcode: this.rejectWith, errmsg }));
      }
      const answer = this.sendAnswer?.(call) ?? { json: { errcode: 0, errmsg: 'ok' } };
      return reply(res, answer.status ?? 200, answer.raw ?? JSON.stringify(answer.json));
    }
    reply(res, 404, JSON.stringify({ errcode: -1, errmsg: 'no such path' }));
  }

  /** Like stable_token: normal mode returns the live token; force mode replaces it. */
  private issue(force: boolean): Json {
    if (force || this.current === undefined) {
      if (this.current !== undefined) this.valid.delete(this.current);
      this.current = `TOKEN-${++this.issued}`;
      this.valid.add(this.current);
    }
    return { access_token: this.current, expires_in: 7200 };
  }
}

function reply(res: ServerResponse, status: number, body: string): void {
  // Two statements: restify (loaded in the same test process) patches writeHead to return nothing.
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}
