/**
 * A TCP proxy in front of one Redis server that counts what crosses the wire: every command the
 * bot sends (parsed from RESP, with its name and first key) and every round trip — a burst of bytes
 * from the client that follows an answer (or starts the connection). Commands node-redis writes
 * together (a pipeline) are one round trip; commands that wait for each other are several.
 * It counts only this proxy's connections, so other users of the shared Redis never blur the count.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface WireCommand {
  name: string;
  /** The command's first argument after the name (usually the key), if any. */
  firstArg: string | undefined;
  /** The first key a script (EVAL, EVALSHA) names, after its sha and key count. */
  scriptKey?: string;
}

export interface WireTally {
  commands: WireCommand[];
  roundTrips: number;
}

export class RedisWireCounter {
  private tally: WireTally = { commands: [], roundTrips: 0 };
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  /** The URL to give the bot (REDIS_URL). */
  get url(): string {
    return `redis://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  static async start(upstream: string): Promise<RedisWireCounter> {
    const target = new URL(upstream);
    const server = createServer();
    const counter = new RedisWireCounter(server);
    server.on('connection', (client) => counter.relay(client, target.hostname, Number(target.port || 6379)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return counter;
  }

  /** Starts a fresh count; returns the count so far. */
  reset(): WireTally {
    const previous = this.tally;
    this.tally = { commands: [], roundTrips: 0 };
    return previous;
  }

  /** The count since the last reset. */
  get current(): WireTally {
    return this.tally;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket, host: string, port: number): void {
    const redis = connect(port, host);
    this.sockets.add(client).add(redis);
    const parser = new RespRequestParser((args) => {
      const name = (args[0] ?? '').toUpperCase();
      const scriptKey = (name === 'EVALSHA' || name === 'EVAL') && Number(args[2]) > 0 ? args[3] : undefined;
      this.tally.commands.push({ name, firstArg: args[1], ...(scriptKey !== undefined ? { scriptKey } : {}) });
    });
    // A burst of client bytes after an answer (or the first one) is a new round trip.
    let awaitingAnswer = false;
    client.on('data', (chunk: Buffer) => {
      if (!awaitingAnswer) this.tally.roundTrips += 1;
      awaitingAnswer = true;
      parser.push(chunk);
      redis.write(chunk);
    });
    redis.on('data', (chunk: Buffer) => {
      awaitingAnswer = false;
      client.write(chunk);
    });
    const close = (): void => {
      client.destroy();
      redis.destroy();
      this.sockets.delete(client);
      this.sockets.delete(redis);
    };
    client.on('close', close).on('error', close);
    redis.on('close', close).on('error', close);
  }
}

/** Parses client RESP (arrays of bulk strings) incrementally, calling back with each command's arguments. */
class RespRequestParser {
  private buffer = Buffer.alloc(0);

  constructor(private readonly onCommand: (args: string[]) => void) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const parsed = this.parseOne();
      if (parsed === undefined) return;
      this.buffer = this.buffer.subarray(parsed.consumed);
      this.onCommand(parsed.args);
    }
  }

  private parseOne(): { args: string[]; consumed: number } | undefined {
    const header = this.line(0);
    if (header === undefined) return undefined;
    if (!header.text.startsWith('*')) throw new Error(`unexpected RESP from the client: ${header.text.slice(0, 20)}`);
    const count = Number(header.text.slice(1));
    const args: string[] = [];
    let offset = header.next;
    for (let i = 0; i < count; i++) {
      const size = this.line(offset);
      if (size === undefined) return undefined;
      const length = Number(size.text.slice(1));
      if (this.buffer.length < size.next + length + 2) return undefined;
      args.push(this.buffer.subarray(size.next, size.next + length).toString('utf8'));
      offset = size.next + length + 2;
    }
    return { args, consumed: offset };
  }

  private line(start: number): { text: string; next: number } | undefined {
    const end = this.buffer.indexOf('\r\n', start);
    return end === -1 ? undefined : { text: this.buffer.subarray(start, end).toString('utf8'), next: end + 2 };
  }
}
