/**
 * The real bot server in a child process, as `npm start` runs it, with its stderr (the log) captured.
 * Tests talk to it over HTTP like a Bot Framework channel would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { findAction, inputValues, type Card } from './chat';

const ROOT = path.resolve(__dirname, '../..');

/** How to start the server process: node's arguments and its working directory. */
export interface ServerLaunch {
  args: string[];
  cwd: string;
}

const FROM_SOURCES: ServerLaunch = { args: ['--import', 'tsx', 'src/bot/index.ts'], cwd: ROOT };

export class RunningServer {
  private log = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly dataDir: string,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => (this.log += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => (this.log += chunk.toString('utf8')));
  }

  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The server's process id (to read its memory from /proc). */
  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the server process has no pid');
    return this.child.pid;
  }

  /** Whether the process is still running. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the process wrote so far. */
  get output(): string {
    return this.log;
  }

  /**
   * Starts the server on a free port with a fresh data directory (unless env names one): from the
   * sources under tsx, or as `launch` says (e.g. the compiled entry point of an installed package).
   */
  static async start(env: Record<string, string> = {}, launch: ServerLaunch = FROM_SOURCES): Promise<RunningServer> {
    const dataDir = env.DATA_DIR ?? (await mkdtemp(path.join(tmpdir(), 'ppa-server-')));
    const child = spawn(process.execPath, launch.args, {
      cwd: launch.cwd,
      env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new RunningServer(child, dataDir);
    try {
      server.port = await server.waitForPort();
    } catch (error) {
      // A server that never came up must not outlive the test run.
      child.kill('SIGKILL');
      throw error;
    }
    return server;
  }

  private waitForPort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${this.log}`)), 30_000);
      const check = (): void => {
        const match = /"port":(\d+)[^\n]*"msg":"listening"/.exec(this.log);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      this.child.stderr?.on('data', check);
      this.child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${this.log}`));
      });
    });
  }

  /** Sends a signal and resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', removeData = true): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    if (this.child.exitCode === null) this.child.kill(signal);
    const code = this.child.exitCode ?? (await exited);
    if (removeData) await rm(this.dataDir, { recursive: true, force: true });
    return code;
  }
}

export interface ChannelUser {
  objectId: string;
  name: string;
  /** The Teams user id (`29:…`); derived from the objectId unless given (in Teams the two are unrelated). */
  teamsId?: string;
}

/**
 * A Teams-like client of the real server: activities go to /api/messages with
 * `deliveryMode: "expectReplies"`, so the replies come back in the HTTP response.
 */
export class HttpChannel {
  private counter = 0;
  private readonly conversationId = `a:e2e-${Math.random().toString(36).slice(2)}`;

  constructor(
    private readonly server: RunningServer,
    private readonly user: ChannelUser,
    private readonly locale: string,
    /** Where messages sent outside an expectReplies response go (the Bot Connector service). */
    private readonly connector?: FakeConnector,
  ) {}

  /** POSTs one activity; returns status and parsed body. */
  async post(activity: Partial<Activity>): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: 'msteams',
        serviceUrl: this.connector?.url ?? 'http://127.0.0.1:9/unused',
        locale: this.locale,
        from: { id: this.user.teamsId ?? `29:${this.user.objectId}`, name: this.user.name, aadObjectId: this.user.objectId },
        recipient: { id: '28:bot', name: 'bot' },
        conversation: { id: this.conversationId, conversationType: 'personal' },
        id: `act-${++this.counter}`,
        timestamp: new Date().toISOString(),
        ...activity,
      }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** A text message; the replies the bot sent. */
  async say(text: string): Promise<Partial<Activity>[]> {
    const { status, body } = await this.post({ type: 'message', text, deliveryMode: 'expectReplies' });
    if (status !== 200) throw new Error(`POST answered ${status}`);
    return ((body as { activities?: Partial<Activity>[] }).activities ?? []).filter((a) => a.type === 'message');
  }

  /** An Adaptive Card Action.Execute, as Teams sends it; the invoke response. */
  async execute(verb: string, data: Record<string, unknown>): Promise<{ status: number; body: { statusCode?: number; type?: string; value?: unknown } }> {
    const result = await this.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
    });
    return result as { status: number; body: { statusCode?: number; type?: string; value?: unknown } };
  }
}

/**
 * Stands in for the Bot Connector service (Teams' cloud, out of reach here): records the activities
 * the bot sends outside an HTTP response, e.g. messages that follow an Adaptive Card invoke.
 */
export class FakeConnector {
  private constructor(
    private readonly server: Server,
    /** Every activity the bot posted, oldest first. */
    readonly received: Partial<Activity>[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  static async start(): Promise<FakeConnector> {
    const received: Partial<Activity>[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        if (req.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) received.push(JSON.parse(body) as Partial<Activity>);
        // Two statements: restify (loaded in the same test process) patches writeHead to return nothing.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `sent-${received.length}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeConnector(server, received);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The last card among the activities a turn sent. */
export function cardOf(activities: Partial<Activity>[]): Card {
  const card = activities.flatMap((a) => a.attachments ?? []).at(-1)?.content as Card | undefined;
  if (!card) throw new Error(`no card in ${JSON.stringify(activities)}`);
  return card;
}

/** Clicks a button of `card` as Teams does: an invoke carrying the card's inputs, whose response card replaces it. */
export async function clickCard(channel: HttpChannel, card: Card, title: string, inputs: Record<string, string> = {}): Promise<Card> {
  const action = findAction(card, title);
  // Teams sends the current value of every input with a form's submit.
  const current = (action as { associatedInputs?: string }).associatedInputs === 'none' ? {} : inputValues(card);
  const { status, body } = await channel.execute(action.verb ?? '', { ...action.data, ...current, ...inputs });
  assert.equal(status, 200);
  assert.equal(body.statusCode, 200);
  assert.equal(body.type, 'application/vnd.microsoft.card.adaptive', `a card replaces the clicked one: ${JSON.stringify(body)}`);
  return body.value as Card;
}
