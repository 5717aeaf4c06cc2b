/** Contact information: view the company and its contacts, edit them in a form. */
import { isPrivacyError } from '../service/errors';
import { fieldsChangedSince } from '../domain/partVersions';
import { requestedPage } from '../views/pager';
import { contactEditView, contactFormValues, contactInfoFromForm, contactInfoView } from '../views/contactViews';
import type { ActionData, View } from '../views/view';
import { savedNotice } from './notices';
import type { Verb } from '../tasks/registry';
import { TaskDialog, versionOf, type TaskTurn } from './taskDialog';

export class ContactInfoDialog extends TaskDialog {
  static readonly id = 'contactInfo' as const;

  constructor() {
    super(ContactInfoDialog.id);
  }

  // Showing the info or the form is never stale: both show what is stored now.
  protected async handle(turn: TaskTurn, verb: Verb, data: ActionData): Promise<void> {
    if (verb === 'contact.save') return this.save(turn, data);
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
      turn.present.show(contactInfoView(turn.t, publisher, savedNotice(turn.t, result)));
    } catch (error) {
      if (!isPrivacyError(error, 'E-VALIDATION') && !isPrivacyError(error, 'E-STALE')) throw error;
      const { publisher } = await turn.service.view(turn.actor);
      // Stale: the form again with what was typed, the fields changed meanwhile marked.
      const changed = error.code === 'E-STALE' ? fieldsChangedSince(data, contactFormValues(publisher, data)) : [];
      turn.present.show(contactEditView(turn.t, publisher, data, error.fieldErrors, changed));
    }
  }
}
