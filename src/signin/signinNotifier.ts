/**
 * Tells the chat a sign-in linked it: WeChat by customer-service message, Teams by a proactive
 * message to the conversation the link was asked for in.
 */
import type { CloudAdapter } from 'botbuilder';
import { translator } from '../i18n';
import type { WechatApiClient } from '../wechat/protocol/apiClient';
import type { SigninTicket } from './signinTickets';

export class SigninNotifier {
  constructor(
    private readonly teams: { adapter: CloudAdapter; appId: string },
    private readonly wechatApi: WechatApiClient | undefined,
  ) {}

  async linked(ticket: SigninTicket, companyName: string): Promise<void> {
    const text = translator(ticket.locale)('signin.chat.linked', { company: companyName });
    if (ticket.channel === 'wechat') {
      await this.wechatApi?.sendText(ticket.userId, text);
      return;
    }
    if (!ticket.conversation) return;
    await this.teams.adapter.continueConversationAsync(this.teams.appId, ticket.conversation, async (context) => {
      await context.sendActivity(text);
    });
  }
}
