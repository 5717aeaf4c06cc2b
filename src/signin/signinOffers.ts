/**
 * The sign-in offer made to someone the bot does not recognize, and how a linked Teams user is
 * recognized again. A link is a binding vouched for by the account signed in with, so it lasts
 * exactly as long as that account stays on the publisher's list.
 */
import { TurnContext, type ConversationReference } from 'botbuilder';
import type { Locale, Translate } from '../i18n';
import type { Identity } from '../service/access';
import type { WechatBindings } from '../service/wechatBindings';
import type { PublisherRepository } from '../store/types';
import type { View } from '../views/view';
import type { SigninTickets } from './signinTickets';

export class SigninOffers {
  constructor(
    private readonly tickets: SigninTickets,
    private readonly publicBaseUrl: string,
    private readonly teamsLinks: WechatBindings,
    private readonly publishers: PublisherRepository,
  ) {}

  /** A fresh single-use link for a WeChat user. */
  async wechatLink(openid: string, locale: Locale): Promise<string> {
    return this.url(await this.tickets.issue({ channel: 'wechat', userId: openid, locale }));
  }

  /** A fresh single-use link for the Teams user of this turn; the confirmation will go to this conversation. */
  async teamsLink(context: TurnContext, objectId: string, locale: Locale): Promise<string> {
    const reference = TurnContext.getConversationReference(context.activity);
    return this.url(await this.tickets.issue({ channel: 'msteams', userId: objectId, locale, conversation: idsOnly(reference) }));
  }

  /** A Teams user linked by an earlier sign-in acts as the account they signed in with; a stale link is removed. */
  async linkedTeamsIdentity(objectId: string): Promise<Identity | undefined> {
    const link = await this.teamsLinks.bindingOf(objectId);
    if (!link) return undefined;
    const publisher = (await this.publishers.get(link.publisherId))?.publisher;
    const account = publisher && this.teamsLinks.issuerOf(link, publisher);
    if (!account?.objectId) {
      await this.teamsLinks.unbind(objectId);
      return undefined;
    }
    return { channel: 'aad', objectId: account.objectId };
  }

  /** Removes the Teams user's link (`unbind`); the receipt, or undefined when there was none. */
  unlinkTeams(objectId: string): ReturnType<WechatBindings['unbind']> {
    return this.teamsLinks.unbind(objectId);
  }

  private url(t: string): string {
    return `${this.publicBaseUrl}/auth/start?t=${t}`;
  }
}

/** The offer as a view: Teams renders the markdown link; the link works once, for this user only. */
export function signinOfferView(t: Translate, url: string): View {
  return { title: t('signin.offerTitle'), paragraphs: [t('signin.offer', { url: `[${t('signin.offerTitle')}](${url})` })] };
}

// The reference goes into the shared store for ten minutes: ids to reach the conversation, no names.
function idsOnly(reference: Partial<ConversationReference>): Partial<ConversationReference> {
  return {
    ...(reference.channelId ? { channelId: reference.channelId } : {}),
    ...(reference.serviceUrl ? { serviceUrl: reference.serviceUrl } : {}),
    ...(reference.locale ? { locale: reference.locale } : {}),
    ...(reference.conversation ? { conversation: { id: reference.conversation.id, isGroup: reference.conversation.isGroup, conversationType: reference.conversation.conversationType, name: '', ...(reference.conversation.tenantId ? { tenantId: reference.conversation.tenantId } : {}) } } : {}),
    ...(reference.bot ? { bot: { id: reference.bot.id, name: '' } } : {}),
    ...(reference.user ? { user: { id: reference.user.id, name: '' } } : {}),
  };
}
