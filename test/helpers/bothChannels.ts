/**
 * Runs one scripted conversation through either channel's renderer: Teams (Adaptive Cards, clicks)
 * or WeChat (numbered text, typed answers), so a dialog step table covers both. A step names what
 * the user does in words both renderings show (a button's title, a form's labels); the runner does
 * it the channel's way and checks what the user sees next.
 */
import assert from 'node:assert/strict';
import { WechatAdapter } from '../../src/wechat/wechatAdapter';
import { LOCALES, translator, type Locale, type Translate } from '../../src/i18n';
import type { BotUnderTest} from './chat';
import { cardText, type Card, type CardAction, type Chat } from './chat';
import { newOpenid } from './wechat';

export type Channel = 'teams' | 'wechat';

interface Expectation {
  /** Texts the user must see after the step. */
  see?: string[];
  /** Texts the user must not see after the step. */
  notSee?: string[];
  /** Titles of choices (buttons, numbered lines) the answer must not offer. */
  notOffered?: string[];
}

export type Step = Expectation &
  (
    | { say: string }
    /** Picks the choice (a button, or a numbered line) with this title; `under` names the entry it belongs to. */
    | { choose: string; under?: string }
    /**
     * Fills the form and submits it: Teams clicks `submit` with the inputs, WeChat answers each prompt
     * and saves; in a form of several parts WeChat first picks `part` (the heading of the fields' part).
     */
    | { fill: { id: string; label: string; value: string }[]; submit: string; part?: string }
    /** A final deletion: Teams clicks the button with this title, WeChat types the confirmation word. */
    | { confirm: string }
    /** Something another user does meanwhile (a colleague's edit in the store); the user sees nothing new. */
    | { meanwhile: () => Promise<void> }
  );

/** One side of a conversation: what the user does, and the text the bot answered with. */
interface Side {
  say(text: string): Promise<string>;
  choose(title: string, under?: string): Promise<string>;
  fill(fields: { id: string; label: string; value: string }[], submit: string, part?: string): Promise<string>;
  confirm(title: string): Promise<string>;
  /** Whether the last answer offers a choice with this title. */
  offers(title: string): boolean;
}

/** A WeChat account linked to no publisher (WeChat only). */
export const STRANGER = { objectId: '', name: 'WeChat stranger' } as const;

/** Runs the steps on one channel, as this Teams user (for WeChat: the WeChat account they linked). */
export async function runConversation(bot: BotUnderTest, channel: Channel, user: { objectId: string; name: string }, locale: Locale, steps: Step[]): Promise<string[]> {
  const side = channel === 'teams' ? new TeamsSide(bot.chat(user, locale)) : user === STRANGER ? WechatSide.stranger(bot, locale) : await WechatSide.linked(bot, user, locale);
  return runSteps(side, `${channel} ${locale}`, steps);
}

async function runSteps(side: Side, name: string, steps: Step[]): Promise<string[]> {
  const seen: string[] = [];
  for (const [index, step] of steps.entries()) {
    const shown = 'meanwhile' in step ? (await step.meanwhile(), seen.at(-1) ?? '') : await perform(side, step);
    seen.push(shown);
    const where = `${name}, step ${index + 1} (${JSON.stringify(step).slice(0, 80)}):\n${shown}`;
    for (const text of step.see ?? []) assert.ok(shown.includes(text), `expected "${text}" — ${where}`);
    for (const text of step.notSee ?? []) assert.ok(!shown.includes(text), `did not expect "${text}" — ${where}`);
    for (const title of step.notOffered ?? []) assert.ok(!side.offers(title), `did not expect the choice "${title}" — ${where}`);
  }
  return seen;
}

function perform(side: Side, step: Exclude<Step, { meanwhile: unknown }>): Promise<string> {
  if ('say' in step) return side.say(step.say);
  if ('choose' in step) return side.choose(step.choose, step.under);
  if ('fill' in step) return side.fill(step.fill, step.submit, step.part);
  return side.confirm(step.confirm);
}

class TeamsSide implements Side {
  constructor(private readonly chat: Chat) {}

  async say(text: string): Promise<string> {
    return shownText(await this.chat.say(text));
  }

  async choose(title: string, under?: string): Promise<string> {
    const action = actionAfter(this.chat.lastCard(), title, under);
    return shownText(await this.chat.submit(action.data ?? {}));
  }

  async fill(fields: { id: string; value: string }[], submit: string): Promise<string> {
    return shownText(await this.chat.click(submit, Object.fromEntries(fields.map(({ id, value }) => [id, value]))));
  }

  async confirm(title: string): Promise<string> {
    return this.choose(title);
  }

  offers(title: string): boolean {
    return actionSequence(this.chat.lastCard()).some((item) => 'action' in item && item.action.title === title);
  }
}

/** The first action with this title after the heading that starts with `under` (in reading order), or the only one. */
function actionAfter(card: Card, title: string, under?: string): CardAction {
  const sequence = actionSequence(card);
  const start = under === undefined ? 0 : sequence.findIndex((item) => 'text' in item && isHeading(item.text, under));
  assert.ok(start >= 0, `no "${under}" on the card:\n${cardText(card)}`);
  const candidates = sequence.slice(start).flatMap((item) => ('action' in item && item.action.title === title ? [item.action] : []));
  assert.ok(candidates.length > 0 && (under !== undefined || candidates.length === 1), `expected one button "${title}"${under ? ` after "${under}"` : ''}:\n${cardText(card)}`);
  return candidates[0]!;
}

/** The card's texts and actions in reading order. */
function actionSequence(card: Card): ({ text: string } | { action: CardAction })[] {
  const sequence: ({ text: string } | { action: CardAction })[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Action.')) sequence.push({ action: record as unknown as CardAction });
    else if (typeof record.text === 'string') sequence.push({ text: record.text });
    Object.entries(record).forEach(([key, value]) => key !== 'text' && walk(value));
  };
  walk(card);
  return sequence;
}

function shownText(activities: { text?: string; attachments?: { content?: unknown }[] }[]): string {
  return activities.map((activity) => [activity.text ?? '', ...(activity.attachments ?? []).map((a) => cardText(a.content))].join('\n')).join('\n');
}

/** Sends one WeChat text message from the user; resolves with the bot's answer. */
export type WechatSend = (text: string) => Promise<string>;

/** Runs the steps as a WeChat user whose messages `send` delivers (in process, or to the real /wechat endpoint). */
export async function runWechatConversation(send: WechatSend, locale: Locale, steps: Step[]): Promise<string[]> {
  return runSteps(new WechatSide(send, locale), `wechat ${locale}`, steps);
}

class WechatSide implements Side {
  private last = '';
  private readonly t: Translate;

  constructor(
    private readonly send: WechatSend,
    locale: Locale,
  ) {
    this.t = translator(locale);
  }

  /** A new WeChat account, linked with a code the Teams user asked for; the bind word is the locale's. */
  static async linked(bot: BotUnderTest, user: { objectId: string; name: string }, locale: Locale): Promise<WechatSide> {
    const teams = bot.chat(user, locale);
    await teams.say('wechat');
    const code = /\b(\d{6})\b/.exec(teams.lastCardText())?.[1];
    assert.ok(code, `no binding code in ${teams.lastCardText()}`);
    const side = WechatSide.stranger(bot, locale);
    const t = translator(locale);
    const bound = await side.say(`${t('wechat.bindWords').split('|')[0]!} ${code}`);
    const [linkedPrefix] = t('wechat.bound', { company: '\u0000' }).split('\u0000');
    assert.ok(bound.includes(linkedPrefix!), `not linked: ${bound}`);
    return side;
  }

  /** A WeChat account linked to nobody, talking to the bot in process. */
  static stranger(bot: BotUnderTest, locale: Locale): WechatSide {
    const adapter = new WechatAdapter('test-salt');
    const openid = newOpenid();
    let sequence = 0;
    const send: WechatSend = async (content) => {
      sequence++;
      const message = { toUserName: 'gh_test', fromUserName: openid, createTime: String(1_700_000_000 + sequence), msgType: 'text', content, msgId: `${sequence}` };
      return (await adapter.processMessage(message, (context) => bot.bot.run(context))).join('\n');
    };
    return new WechatSide(send, locale);
  }

  async say(text: string): Promise<string> {
    this.last = await this.send(text);
    return this.last;
  }

  async choose(title: string, under?: string): Promise<string> {
    const lines = this.last.split('\n');
    // An entry's heading line, as textView writes it.
    const start = under === undefined ? 0 : lines.findIndex((line) => line.startsWith('▪ ') && isHeading(line.slice(2), under));
    assert.ok(start >= 0, `no "${under}" in:\n${this.last}`);
    const numbers = lines.slice(start).flatMap((line) => {
      const n = choiceNumber(line, title);
      return n ? [n] : [];
    });
    assert.ok(numbers.length > 0 && (under !== undefined || numbers.length === 1), `expected one choice "${title}"${under ? ` after "${under}"` : ''} in:\n${this.last}`);
    return this.say(numbers[0]!);
  }

  async fill(fields: { label: string; value: string }[], _submit: string, part?: string): Promise<string> {
    if (this.last.includes(this.t('wechat.formPick'))) {
      assert.ok(part, `the form asks which part to change; the step names none:\n${this.last}`);
      await this.choose(part);
    }
    const save = this.t('wechat.saveWord').split('|')[0]!;
    const confirm = this.t('wechat.formConfirm', { word: save });
    // The form's prompts come one field at a time; a field the step does not name keeps its value.
    for (let asked = 0; asked < 50 && !this.last.includes(confirm); asked++) {
      const field = fields.find(({ label }) => this.last.includes(this.t('wechat.formAsk', { label })));
      await this.say(field ? field.value : '=');
    }
    assert.ok(this.last.includes(confirm), `the form never reached its summary:\n${this.last}`);
    return this.say(save);
  }

  offers(title: string): boolean {
    return this.last.split('\n').some((line) => choiceNumber(line, title) !== undefined);
  }

  async confirm(title: string): Promise<string> {
    assert.ok(this.last.includes(this.t('wechat.typeToConfirm', { word: this.t('wechat.confirmWord'), action: title })), `no typed confirmation for "${title}" in:\n${this.last}`);
    return this.say(this.t('wechat.confirmWord'));
  }
}

/** The number of a WeChat choice line offering this title ("Reply 2: …", "回复 2：…"), in either language. */
function choiceNumber(line: string, title: string): string | undefined {
  const n = /(\d+)/.exec(line)?.[1];
  if (!n) return undefined;
  return LOCALES.some((locale) => line.trim() === translator(locale)('wechat.choice', { n: Number(n), title })) ? n : undefined;
}

/** Whether a text is the heading `under`, or a heading that begins with it and a " · " (a record's kind and date). */
function isHeading(text: string, under: string): boolean {
  return text === under || text.startsWith(`${under} · `);
}
