/** Contact information: view the company and its contacts, edit them in a form. */
import { isPrivacyError } from '../service/errors';
import { contactEditView, contactInfoFromForm, contactInfoView } from '../views/contactViews';
import type { ActionData, View } from '../views/view';
import { savedNotice, staleNotice } from './notices';
import type { Verb } from '../tasks/registry';
import { TaskDialog, versionOf, type TaskTurn } from './taskDialog';

export class ContactInfoDialog extends TaskDialog {
  static readonly id = 'contactInfo' as const;

  constructor() {
    super(ContactInfoDialog.id);
  }

  protected async handle(turn: TaskTurn, verb: Verb, data: ActionData): Promise<void> {
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
