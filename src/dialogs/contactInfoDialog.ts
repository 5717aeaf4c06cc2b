/** Contact information: view the company and its contacts, edit them in a form. */
import { isPrivacyError } from '../service/errors';
import type { ChangeResult } from '../service/privacyService';
import type { Translate } from '../i18n';
import { changeSummary, notice } from '../views/common';
import { contactEditView, contactInfoFromForm, contactInfoView } from '../views/contactViews';
import type { ActionData, View } from '../views/view';
import { TaskDialog, versionOf, type TaskTurn } from './taskDialog';

export class ContactInfoDialog extends TaskDialog {
  static readonly id = 'contactInfo';

  constructor() {
    super(ContactInfoDialog.id, ['contact']);
  }

  protected async handle(turn: TaskTurn, verb: string, data: ActionData): Promise<void> {
    const { publisher, version } = await turn.service.view(turn.actor);
    const stale = data.v !== undefined && versionOf(data) !== version ? staleNotice(turn.t) : undefined;
    switch (verb) {
      case 'contact.edit':
        turn.present.show({ ...contactEditView(turn.t, publisher, version), ...(stale ? { notice: stale } : {}) });
        return;
      case 'contact.save':
        return this.save(turn, data);
      default:
        turn.present.show(contactInfoView(turn.t, publisher, version, stale));
    }
  }

  protected async home(turn: TaskTurn, message: View['notice']): Promise<void> {
    const { publisher, version } = await turn.service.view(turn.actor);
    turn.present.show(contactInfoView(turn.t, publisher, version, message));
  }

  private async save(turn: TaskTurn, data: ActionData): Promise<void> {
    const { input } = contactInfoFromForm(data);
    try {
      const result = await turn.service.updateContactInfo(turn.actor, input, versionOf(data));
      const { publisher, version } = await turn.service.view(turn.actor);
      turn.present.show(contactInfoView(turn.t, publisher, version, savedNotice(turn.t, result)));
    } catch (error) {
      if (!isPrivacyError(error, 'E-VALIDATION')) throw error;
      const { publisher, version } = await turn.service.view(turn.actor);
      turn.present.show(contactEditView(turn.t, publisher, version, data, error.fieldErrors));
    }
  }
}

export function staleNotice(t: Translate): View['notice'] {
  return notice(t, 'warning', 'errors.E-STALE');
}

/** "Saved: …" naming the changed fields (never values), or why nothing was written. */
export function savedNotice(t: Translate, result: ChangeResult): View['notice'] {
  if (result.alreadyApplied) return notice(t, 'default', 'common.alreadyApplied');
  if (result.changedFields.length === 0) return notice(t, 'default', 'common.nothingChanged');
  const warnings = result.warnings.map((key) => t(key)).join(' ');
  const saved = t('common.saved', { fields: changeSummary(t, result.changedFields) });
  const text = result.receipt ? `${saved} ${t('receipt.issued', { receiptId: result.receipt.id })}` : saved;
  return { tone: warnings ? 'warning' : 'good', text: warnings ? `${text} ${warnings}` : text };
}
