/**
 * A botbuilder adapter for the WeChat official account, like the samples' console adapter: it
 * turns a verified WeChat message into an Activity, runs the same bot as Teams, and collects the
 * turn's text replies for the endpoint to send (passively, or later through the customer-service API).
 */
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { openidHash } from '../service/keyspace';
import type { WechatMessage } from './protocol/xml';

export const WECHAT_CHANNEL_ID = 'wechat';

const REPLIES = Symbol('wechatReplies');

/** What the bot reads from `channelData` on a WeChat turn. */
export interface WechatChannelData {
  openid: string;
  /** The event of an event message: subscribe, unsubscribe, CLICK… */
  event?: string;
}

export class WechatAdapter extends BotAdapter {
  constructor(private readonly salt: string) {
    super();
  }

  /** Runs one WeChat message through the bot; resolves with the texts the turn sent. */
  async processMessage(message: WechatMessage, logic: (context: TurnContext) => Promise<void>): Promise<string[]> {
    const context = new TurnContext(this, this.toActivity(message));
    const replies: string[] = [];
    context.turnState.set(REPLIES, replies);
    await this.runMiddleware(context, logic);
    return replies;
  }

  /** Collects the turn's messages; WeChat has no typing indicator or other activity kinds. */
  sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = context.turnState.get<string[] | undefined>(REPLIES);
    for (const activity of activities) {
      if (activity.type === ActivityTypes.Message && activity.text) replies?.push(activity.text);
    }
    return Promise.resolve(activities.map((_, index) => ({ id: `${context.activity.id ?? 'wechat'}-${index}` })));
  }

  updateActivity(): Promise<void> {
    return Promise.reject(new Error('WeChat messages cannot be updated'));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('WeChat messages cannot be deleted'));
  }

  continueConversation(_reference: Partial<ConversationReference>): Promise<void> {
    return Promise.reject(new Error('proactive WeChat messages go through the customer-service API'));
  }

  // Ids in state keys are salted hashes of the openid, so no key names a WeChat user.
  private toActivity(message: WechatMessage): Partial<Activity> {
    const pseudonym = `wx-${openidHash(this.salt, message.fromUserName)}`;
    const channelData: WechatChannelData = { openid: message.fromUserName, ...(message.event ? { event: message.event } : {}) };
    const isEvent = message.msgType === 'event';
    return {
      type: isEvent && message.event !== 'CLICK' ? ActivityTypes.Event : ActivityTypes.Message,
      ...(isEvent && message.event !== 'CLICK' ? { name: message.event } : {}),
      // A menu click carries a command word as its key (e.g. "menu"): it reads like a typed command.
      text: isEvent ? (message.eventKey ?? '') : (message.content ?? ''),
      id: message.msgId ?? `${pseudonym}-${message.createTime}`,
      timestamp: new Date(Number(message.createTime) * 1000),
      channelId: WECHAT_CHANNEL_ID,
      serviceUrl: 'wechat:',
      from: { id: pseudonym, name: '' },
      recipient: { id: message.toUserName, name: '' },
      conversation: { id: pseudonym, isGroup: false, conversationType: 'personal', name: '' },
      channelData,
    };
  }
}
