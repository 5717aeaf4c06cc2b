/**
 * A Teams user of the real server whose answers are read as text: the e2e channel (HttpChannel)
 * with a Teams id (`29:…`) not derived from the AAD objectId — as in Teams — so a state key naming
 * the user does not contain the objectId marker; `from.name` is the display name, as Teams sends it.
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { cardText, type Card } from './chat';
import { HttpChannel, type FakeConnector, type RunningServer } from './server';

const CARD = 'application/vnd.microsoft.card.adaptive';

export class TeamsUser {
  private readonly channel: HttpChannel;

  /** `connector` answers what the bot asks Teams (e.g. the member look-up of an unknown user). */
  constructor(server: RunningServer, account: { objectId: string; displayName: string }, locale: 'en-US' | 'zh-CN', connector?: FakeConnector) {
    this.channel = new HttpChannel(server, { objectId: account.objectId, name: account.displayName, teamsId: `29:teams-${randomBytes(8).toString('hex')}` }, locale, connector);
  }

  /** A text message; the cards and texts of the replies, as one text. */
  async say(text: string): Promise<string> {
    return repliesText(await this.channel.say(text));
  }

  /** An Adaptive Card Action.Execute; the text of the card (or message) it answers with. */
  async execute(verb: string, data: Record<string, unknown>): Promise<string> {
    const { status, body } = await this.channel.execute(verb, data);
    if (status !== 200) throw new Error(`invoke answered ${status}`);
    if (body.type === CARD) return cardText(body.value);
    return typeof body.value === 'string' ? body.value : JSON.stringify(body.value ?? '');
  }
}

function repliesText(activities: Partial<Activity>[]): string {
  return activities.map((activity) => [activity.text ?? '', ...(activity.attachments ?? []).map((a) => (a.contentType === CARD ? cardText(a.content as Card) : ''))].join('\n')).join('\n');
}
