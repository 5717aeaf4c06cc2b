/**
 * Shows a turn's views in Teams. Views are collected during the turn; on an Adaptive Card invoke the
 * first one becomes the invoke's card response (it replaces the card that was clicked, so a second
 * click cannot repeat the action) and the rest are sent as messages.
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { cardAttachment, renderCard } from '../cards/adaptiveCard';
import type { Presenter } from '../dialogs/taskContext';
import type { View } from '../views/view';
import { cardInvokeResponse, messageInvokeResponse } from './invokeResponse';

type Output = { kind: 'view'; view: View };

export class TeamsPresenter implements Presenter {
  private readonly outputs: Output[] = [];

  show(view: View): void {
    this.outputs.push({ kind: 'view', view });
  }

  /** Sends everything shown this turn as messages. */
  async sendAll(context: TurnContext): Promise<void> {
    for (const output of this.outputs.splice(0)) await send(context, output);
  }

  /**
   * After an Action.Submit, the first view replaces the card that was clicked (so it cannot be
   * clicked again), the rest are sent. Where the card cannot be updated, everything is sent.
   */
  async replaceSubmittedCard(context: TurnContext): Promise<void> {
    const { replyToId, deliveryMode } = context.activity;
    const index = this.outputs.findIndex((output) => output.kind === 'view');
    const first = this.outputs[index];
    // With expectReplies there is no connector to update through: the replies are the answer.
    if (replyToId && deliveryMode !== 'expectReplies' && first?.kind === 'view') {
      try {
        await context.updateActivity({ id: replyToId, type: 'message', attachments: [cardAttachment(renderCard(first.view))] });
        this.outputs.splice(index, 1);
      } catch {
        // The original could not be updated (deleted, or a client without updates): send it instead.
      }
    }
    await this.sendAll(context);
  }

  /** The invoke response for an Adaptive Card action, sending whatever else was shown as messages. */
  async respondToInvoke(context: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    const index = this.outputs.findIndex((output) => output.kind === 'view');
    const [first] = index >= 0 ? this.outputs.splice(index, 1) : [];
    await this.sendAll(context);
    return first?.kind === 'view' ? cardInvokeResponse(renderCard(first.view)) : messageInvokeResponse();
  }
}

async function send(context: TurnContext, output: Output): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(cardAttachment(renderCard(output.view))));
}
