/**
 * A chat with the bot as a Teams client would have it: text messages, and clicks on the buttons of
 * the last card (sent as Action.Submit values, or as Adaptive Card invokes with `invoke: true`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity, type InvokeResponse } from 'botbuilder';
import pino from 'pino';
import { createBotApp } from '../../src/bot/botApp';
import type { PrivacyBot } from '../../src/bot/privacyBot';
import { loadConfig } from '../../src/config';
import { openStore } from '../../src/store/openStore';
import type { StoreEngine } from '../../src/store/types';
import type { Publisher } from '../../src/domain/publisher';
import { homePublisher, rivalPublisher } from './fixtures';

export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
}

export interface Card {
  body: Record<string, unknown>[];
}

/** A bot on a fresh embedded store holding the home and rival publishers. */
export class BotUnderTest {
  private constructor(
    readonly store: StoreEngine,
    readonly bot: PrivacyBot,
    private readonly dataDir: string,
  ) {}

  static async start(publishers: Publisher[] = [homePublisher, rivalPublisher]): Promise<BotUnderTest> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-chat-'));
    const store = await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://unused' });
    for (const publisher of publishers) await store.publishers.put(publisher, 'new');
    // The same wiring as the server; turns go straight to the bot, past the HTTP adapter.
    const config = loadConfig({ AUDIT_SALT: 'test-salt', PRIVACY_CONTACT: 'privacy@contoso.example', CONVERSATION_TTL_MINUTES: '30', AUDIT_RETENTION_DAYS: '1095', PUBLIC_BASE_URL: 'https://bot.example.cn' });
    const { bot } = createBotApp(config, store, pino({ level: 'silent' }));
    return new BotUnderTest(store, bot, dataDir);
  }

  /** A new conversation with one user, in one locale. */
  chat(user: { objectId: string; name: string }, locale: 'en-US' | 'zh-CN'): Chat {
    return new Chat(this.bot, user, locale);
  }

  async publisher(id: string): Promise<Publisher> {
    const stored = await this.store.publishers.get(id);
    if (!stored) throw new Error(`no publisher ${id}`);
    return stored.publisher;
  }

  async stop(): Promise<void> {
    await this.store.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

export class Chat {
  private readonly adapter: TestAdapter;
  /** Every activity the bot sent, oldest first. */
  readonly transcript: Partial<Activity>[] = [];
  lastInvokeResponse: InvokeResponse | undefined;

  constructor(
    bot: PrivacyBot,
    user: { objectId: string; name: string },
    locale: string,
  ) {
    this.adapter = new TestAdapter(async (context) => bot.run(context), {
      channelId: 'msteams',
      locale,
      from: { id: `29:${user.objectId}`, name: user.name, aadObjectId: user.objectId },
      recipient: { id: '28:bot', name: 'Privacy Assistant' },
      conversation: { id: `a:${user.objectId}-${Math.random().toString(36).slice(2)}`, isGroup: false, conversationType: 'personal', name: 'chat' },
    });
  }

  /** Sends a text message; returns the bot's replies. */
  async say(text: string): Promise<Partial<Activity>[]> {
    return this.deliver({ type: 'message', text });
  }

  /** Clicks the button with this title on the last card, with these form inputs. */
  async click(title: string, inputs: Record<string, string> = {}, options: { invoke?: boolean } = {}): Promise<Partial<Activity>[]> {
    const card = this.lastCard();
    const action = findAction(card, title);
    // Like a Teams client: a form's submit carries every input's current value.
    const current = (action as { associatedInputs?: string }).associatedInputs === 'none' ? {} : inputValues(card);
    return this.submit(action.data ?? {}, { ...current, ...inputs }, options);
  }

  /** Sends an action payload as a client would — also a forged one no card offered. */
  async submit(data: Record<string, unknown>, inputs: Record<string, string> = {}, options: { invoke?: boolean } = {}): Promise<Partial<Activity>[]> {
    const value = { ...data, ...inputs };
    if (!options.invoke) return this.deliver({ type: 'message', value });
    const { verb, ...rest } = value;
    return this.deliver({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: rest }, trigger: 'manual' } });
  }

  /** The last Adaptive Card the bot showed: the invoke's card response, or the last card message. */
  lastCard(): Card {
    for (let i = this.transcript.length - 1; i >= 0; i--) {
      const card = this.transcript[i]?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as Card | undefined;
      if (card) return card;
    }
    throw new Error('the bot has shown no card');
  }

  /** All visible text of the last card: titles, paragraphs, facts, labels and button titles. */
  lastCardText(): string {
    return cardText(this.lastCard());
  }

  /** Sends any activity (e.g. a conversationUpdate); returns the bot's replies. */
  async deliverRaw(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    return this.deliver(activity);
  }

  private async deliver(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    const before = this.transcript.length;
    this.lastInvokeResponse = undefined;
    await this.adapter.processActivity(activity);
    for (const reply of this.adapter.activeQueue.splice(0)) {
      if (reply.type === 'typing') continue;
      if (reply.type !== 'invokeResponse') {
        this.transcript.push(reply);
        continue;
      }
      this.lastInvokeResponse = reply.value as InvokeResponse;
      const body = this.lastInvokeResponse.body as { type?: string; value?: unknown } | undefined;
      // The invoke's card replaces the clicked card in Teams: it is what the user sees next.
      if (body?.type === 'application/vnd.microsoft.card.adaptive') {
        this.transcript.push({ type: 'invokeResponse', attachments: [{ contentType: body.type, content: body.value }] });
      }
    }
    return this.transcript.slice(before);
  }
}

/** Every string a person can read on a card. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage'].includes(key)) texts.push(value);
      else walk(value);
    }
  };
  walk(card);
  return texts.join('\n');
}

export function findAction(card: Card, title: string): CardAction {
  const actions: CardAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Action.')) actions.push(record as unknown as CardAction);
    Object.values(record).forEach(walk);
  };
  walk(card);
  const found = actions.filter((a) => a.title === title);
  if (found.length !== 1) throw new Error(`expected one button "${title}", found ${found.length}; buttons: ${actions.map((a) => a.title).join(', ')}`);
  return found[0]!;
}

/** The current value of every input on a card, by id. */
export function inputValues(card: Card): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Input.') && typeof record.id === 'string') {
      values[record.id] = typeof record.value === 'string' ? record.value : '';
    }
    Object.values(record).forEach(walk);
  };
  walk(card);
  return values;
}

/** Whether the card has a button with this title. */
export function hasAction(card: Card, title: string): boolean {
  try {
    findAction(card, title);
    return true;
  } catch {
    return false;
  }
}
