/** Contact information: view the company and its contacts, edit them in a form, remove one after confirmation. */
import { isPrivacyError } from '../service/errors';
import { fieldsChangedSince } from '../domain/partVersions';
import { requestedPage } from '../views/pager';
import { contactEditView, contactFormValues, contactInfoFromForm, contactInfoView, contactRemoveConfirmView } from '../views/contactViews';
import { receiptView } from '../views/receiptView';
import type { ActionData, View } from '../views/view';
import { savedNotice } from './notices';
import type { Verb } from '../tasks/registry';
import { TaskDialog, versionOf, type TaskTurn } from './taskDialog';

export class ContactInfoDialog extends TaskDialog {
  static readonly id = 'contactInfo' as const;

  constructor() {
    super(ContactInfoDialog.id);
  }

  // Showing the info, the form or a removal confirmation is never stale: each shows what is stored now.
  protected async handle(turn: TaskTurn, verb: Verb, data: ActionData): Promise<void> {
    if (verb === 'contact.save') return this.save(turn, data);
    if (verb === 'contact.remove.execute') return this.remove(turn, data);
    if (verb === 'contact.remove') return this.confirmRemoval(turn, contactIndexOf(data));
    const { publisher } = await turn.service.view(turn.actor);
    turn.present.show(verb === 'contact.edit' ? contactEditView(turn.t, publisher) : contactInfoView(turn.t, publisher, undefined, requestedPage(data)));
  }

  protected async home(turn: TaskTurn, message: View['notice']): Promise<void> {
    const { publisher } = await turn.service.view(turn.actor);
    turn.present.show(contactInfoView(turn.t, publisher, message));
  }

  private async save(turn: TaskTurn, data: ActionData): Promise<void> {
    const { input } = contactInfoFromForm(data);
    try {
      const result = await turn.service.updateContactInfo(turn.actor, input, versionOf(data));
      const { publisher } = await turn.service.view(turn.actor);
      turn.present.show(contactInfoView(turn.t, publisher, savedNotice(turn.t, result, publisher)));
    } catch (error) {
      if (!isPrivacyError(error, 'E-VALIDATION') && !isPrivacyError(error, 'E-STALE')) throw error;
      const { publisher } = await turn.service.view(turn.actor);
      // Stale: the form again with what was typed, the fields changed meanwhile marked.
      const changed = error.code === 'E-STALE' ? fieldsChangedSince(data, contactFormValues(publisher, data)) : [];
      turn.present.show(contactEditView(turn.t, publisher, data, error.fieldErrors, changed));
    }
  }

  /** The confirmation of a removal, on the contact as stored now; the last contact is not offered for removal. */
  private async confirmRemoval(turn: TaskTurn, index: number, notice?: View['notice']): Promise<void> {
    const { publisher } = await turn.service.view(turn.actor);
    if (!publisher.contacts[index]) return this.home(turn, { tone: 'attention', text: turn.t('errors.E-NOT-FOUND') });
    if (publisher.contacts.length === 1) return this.home(turn, { tone: 'attention', text: turn.t('errors.E-LAST-CONTACT') });
    const view = contactRemoveConfirmView(turn.t, publisher, index);
    turn.present.show(notice ? { ...view, notice } : view);
  }

  private async remove(turn: TaskTurn, data: ActionData): Promise<void> {
    const index = contactIndexOf(data);
    let result;
    try {
      result = await turn.service.removeContact(turn.actor, index, versionOf(data));
    } catch (error) {
      if (!isPrivacyError(error, 'E-STALE')) throw error;
      // A removal is confirmed on what it removes: the contact changed, so confirm it as it is now.
      return this.confirmRemoval(turn, index, { tone: 'warning', text: turn.t('stale.contactChanged') });
    }
    if (!result.receipt) return this.home(turn, savedNotice(turn.t, result));
    turn.present.show(receiptView(turn.t, turn.locale, result.receipt, { verb: 'contact.view', title: turn.t('contact.back') }));
  }
}

/** The contact position a card action carried; -1 (no contact) when absent or forged. */
function contactIndexOf(data: ActionData): number {
  return Number.isInteger(data.contact) && Number(data.contact) >= 0 ? Number(data.contact) : -1;
}
