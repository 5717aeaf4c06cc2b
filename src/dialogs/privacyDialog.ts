/** Privacy: the rights notice, past erasure receipts, and (admins) the audit trail. */
import { receiptsIn } from '../service/receipts';
import { notice } from '../views/common';
import { mainMenuView } from '../views/menuViews';
import { formatDateTime } from '../views/common';
import { auditTrailView, privacyNoticeView, receiptListView } from '../views/privacyViews';
import { requestedPage } from '../views/pager';
import type { ActionData, View } from '../views/view';
import type { Verb } from '../tasks/registry';
import { TaskDialog, type TaskTurn } from './taskDialog';

export class PrivacyDialog extends TaskDialog {
  static readonly id = 'privacy' as const;

  constructor() {
    super(PrivacyDialog.id);
  }

  protected async handle(turn: TaskTurn, verb: Verb, data: ActionData): Promise<void> {
    if (verb === 'receipts') {
      const receipts = receiptsIn(await turn.service.auditEntries(turn.actor));
      return turn.present.show(receiptListView(turn.t, turn.locale, receipts, requestedPage(data)));
    }
    if (verb === 'audit') {
      const entries = await turn.service.auditTrail(turn.actor);
      const labelOf = await turn.service.actorLabels(turn.actor);
      const nameOf = (actor: string): string => {
        const label = labelOf(actor);
        if (label.kind === 'member') return label.name;
        if (label.kind !== 'wechatUser') return label.kind === 'operator' ? turn.t('audit.operator') : turn.t('audit.formerMember');
        // Bound WeChat users are told apart by who vouched for them, or else by when they bound.
        if (label.vouchedBy !== undefined) return turn.t('audit.wechatUserVouched', { name: label.vouchedBy });
        return label.boundAt ? turn.t('audit.wechatUserSince', { date: formatDateTime(label.boundAt, turn.locale) }) : turn.t('audit.wechatUser');
      };
      const { publisher } = await turn.service.view(turn.actor);
      return turn.present.show(auditTrailView(turn.t, turn.locale, entries, nameOf, publisher, requestedPage(data)));
    }
    turn.present.show(privacyNoticeView(turn.t, turn.policy));
  }

  protected home(turn: TaskTurn, message: View['notice']): Promise<void> {
    turn.present.show(mainMenuView(turn.t, turn.companyName, turn.memberships.length > 1, message ?? notice(turn.t, 'default', 'menu.prompt')));
    return Promise.resolve();
  }
}
