/**
 * The Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`, pinned: its page and
 * internal API are unversioned) as a child process, and its chat page as a person uses it.
 * Shared by the browser tests and `npm run playground`.
 *
 * Facts about 0.2.28 this relies on: it runs offline with `TEAMSAPPTESTER_BROWSER=none`, prints
 * `Listening on <port>` (`-p 0` or a taken port: one the system picked), answers `pong` on
 * `GET /_debug/ping`, and writes its log to `./devTools/` of its working directory unless
 * `M365_AGENTS_PLAYGROUND_LOGFILE` says otherwise. It sends every message and card action with
 * `locale: "en-US"` whatever the browser's language: only the bot's `language` command changes
 * the language of a session.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

const CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');

/** How long a child gets to start or to stop before we give up on it (a failure, never a measurement). */
const START_LIMIT_MS = 30_000;
const STOP_LIMIT_MS = 10_000;

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  botEndpoint: string;
  /** 0 for any free port. A taken port is not an error: the playground silently picks another. */
  port: number;
  /** Also show its output on ours (`npm run playground`); it is always kept for error messages. */
  echo?: boolean;
  /** The environment it starts from; tests pass a minimal one so a developer's settings stay out. */
  env?: NodeJS.ProcessEnv;
}

export class RunningPlayground {
  private log = '';
  /** Where it really listens, read from its "Listening on <port>" line. */
  port = 0;

  private constructor(
    private readonly child: ChildProcess,
    private readonly workDir: string,
    echo: boolean,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => {
      this.log += chunk.toString('utf8');
      if (echo) process.stdout.write(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.log += chunk.toString('utf8');
      if (echo) process.stderr.write(chunk);
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What it printed so far. */
  get output(): string {
    return this.log;
  }

  /** The child, for callers that must notice it dying (`npm run playground`). */
  get process(): ChildProcess {
    return this.child;
  }

  /** Starts the playground in the msteams channel and resolves once it answers its ping. */
  static async start(options: PlaygroundOptions): Promise<RunningPlayground> {
    const playground = RunningPlayground.launch(options);
    try {
      await playground.ready();
    } catch (error) {
      await playground.stop();
      throw new Error(`${(error as Error).message}\n${playground.output}`);
    }
    return playground;
  }

  /**
   * Spawns it and returns at once, so a caller interrupted while it starts (Ctrl-C) can stop it;
   * `ready()` tells when it answers.
   */
  static launch(options: PlaygroundOptions): RunningPlayground {
    // Its own working directory: its devTools/ log and any stray config stay out of the project.
    const workDir = mkdtempSync(path.join(tmpdir(), 'ppa-playground-'));
    const args = [CLI, '-e', options.botEndpoint, '-c', 'msteams', '-p', String(options.port), '--disable-telemetry'];
    const child = spawn(process.execPath, args, {
      cwd: workDir,
      env: {
        ...(options.env ?? process.env),
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workDir, 'playground.log'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new RunningPlayground(child, workDir, options.echo ?? false);
  }

  /** Resolves once it listens and answers its ping. On failure it may still run: the caller stops it. */
  async ready(): Promise<void> {
    this.port = await this.listeningPort();
    await waitUntilAnswers(`${this.url}/_debug/ping`, (status, body) => status === 200 && body.trim() === 'pong', this.child);
  }

  async stop(): Promise<void> {
    await stopChild(this.child);
    await rm(this.workDir, { recursive: true, force: true });
  }

  private listeningPort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the Agents Playground did not start within ${START_LIMIT_MS / 1000} s`)), START_LIMIT_MS);
      const check = (): void => {
        const match = /^Listening on (\d+)$/m.exec(this.log);
        if (!match) return;
        clearTimeout(timer);
        this.child.stdout?.off('data', check);
        resolve(Number(match[1]));
      };
      this.child.stdout?.on('data', check);
      this.child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the Agents Playground exited (${code ?? signal}) before it listened`));
      });
    });
  }
}

/**
 * Polls `url` until `accept` likes the answer. Rejects when `child` exits first or after
 * START_LIMIT_MS: the limit only turns a hang into a failure.
 */
export async function waitUntilAnswers(url: string, accept: (status: number, body: string) => boolean, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_LIMIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${url}: the process exited (${child.exitCode ?? child.signalCode}) before it answered`);
    try {
      // Each attempt is bounded: something else on the port may accept and never answer.
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (accept(response.status, await response.text())) return;
    } catch {
      // Not listening yet, or not answering.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${START_LIMIT_MS / 1000} s`);
}

/** SIGTERM, then SIGKILL if it lingers; resolves once the child has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
  await exited;
  clearTimeout(timer);
}

/** How long the page may take to show a reply before the step fails. */
const REPLY_LIMIT_MS = 20_000;

/**
 * The playground's chat page, driven the way a person uses it: type into the message box, read
 * the newest card, press its buttons, fill its fields. Teams (and the playground) replace a card
 * in place with the bot's answer to its button, so "the newest card" is always the one to read.
 */
export class PlaygroundChat {
  constructor(readonly page: Page) {}

  /** Opens the page and waits for the card the bot sends when the playground installs it. */
  async open(url: string, welcomeTitle: string): Promise<Locator> {
    await this.page.goto(url);
    return this.expectCard(welcomeTitle);
  }

  /** The newest card in the conversation. */
  lastCard(): Locator {
    return this.page.locator('.ac-adaptiveCard').last();
  }

  /** Types a message, sends it with Enter, and waits for the bot's card in reply. */
  async say(text: string): Promise<void> {
    const cards = this.page.locator('.ac-adaptiveCard');
    const before = await cards.count();
    const box = this.page.locator('[contenteditable="true"][role="textbox"]');
    await box.click();
    // insertText, not type(): the box is a Lexical editor and Chinese arrives as one input event, as from an IME.
    await this.page.keyboard.insertText(text);
    await this.page.keyboard.press('Enter');
    // Until the reply arrives the newest card is an older one, which may show the same title.
    await cards.nth(before).waitFor({ state: 'attached', timeout: REPLY_LIMIT_MS });
  }

  /** Presses a button of the newest card, or of a part of it (`within`). */
  async press(title: string, within?: Locator): Promise<void> {
    await (within ?? this.lastCard()).getByRole('button', { name: title, exact: true }).click();
  }

  /** A text field of the newest card, found by its label as a screen reader would. */
  field(label: string): Locator {
    // The Adaptive Cards renderer marks a required input's label with " *".
    return this.lastCard().getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
  }

  /** The part of the newest card (an offer, a contact) whose heading is `heading`. */
  section(heading: string): Locator {
    return this.lastCard()
      .locator('.ac-container')
      .filter({ has: this.page.getByText(heading, { exact: true }) })
      .last();
  }

  /**
   * Waits until the newest card shows each text as a whole line (a title, a notice, a fact), and
   * returns the card. Fails with what the card shows instead.
   */
  async expectCard(...texts: string[]): Promise<Locator> {
    const card = this.lastCard();
    for (const text of texts) {
      try {
        await card.getByText(text, { exact: true }).first().waitFor({ state: 'visible', timeout: REPLY_LIMIT_MS });
      } catch {
        const shown = (await this.page.locator('.ac-adaptiveCard').count()) > 0 ? await card.innerText() : '(no card)';
        throw new Error(`the newest card does not show "${text}"; it shows:\n${shown}`);
      }
    }
    return card;
  }

  /** Whether the newest card shows the text as a whole line right now. */
  async cardShows(text: string): Promise<boolean> {
    return (await this.lastCard().getByText(text, { exact: true }).count()) > 0;
  }
}
