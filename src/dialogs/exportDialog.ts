/** Export: everything held about the publisher as one JSON document (GDPR Art. 15/20, PIPL Art. 45). */
import type { View } from '../views/view';
import { mainMenuView } from '../views/menuViews';
import { TaskDialog, type TaskTurn } from './taskDialog';

export class ExportDialog extends TaskDialog {
  static readonly id = 'export' as const;

  constructor() {
    super(ExportDialog.id);
  }

  protected async handle(turn: TaskTurn): Promise<void> {
    const exported = await turn.service.exportAll(turn.actor);
    const fileName = `privacy-export-${exported.publisher.id}-${exported.exportedAt.slice(0, 10)}.json`;
    turn.present.document(turn.t('export.title'), fileName, JSON.stringify(exported, null, 2));
    turn.present.show(mainMenuView(turn.t, turn.companyName, turn.memberships.length > 1, { tone: 'good', text: turn.t('export.done') }));
  }

  protected home(turn: TaskTurn, message: View['notice']): Promise<void> {
    turn.present.show(mainMenuView(turn.t, turn.companyName, turn.memberships.length > 1, message));
    return Promise.resolve();
  }
}
