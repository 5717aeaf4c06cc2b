/**
 * Export: everything held about the publisher as one JSON file (GDPR Art. 15/20, PIPL Art. 45),
 * handed over as a single-use download link; the chat says what the file holds and until when the
 * link works, and never shows the data itself.
 */
import { exportView } from '../views/exportView';
import { mainMenuView } from '../views/menuViews';
import type { View } from '../views/view';
import { TaskDialog, type TaskTurn } from './taskDialog';

export class ExportDialog extends TaskDialog {
  static readonly id = 'export' as const;

  constructor() {
    super(ExportDialog.id);
  }

  protected async handle(turn: TaskTurn): Promise<void> {
    // Without a public address no link could be opened: no link is made, the summary is still shown.
    if (!turn.exportBaseUrl) return turn.present.show(exportView(turn.t, turn.locale, turn.companyName, await turn.service.exportCounts(turn.actor), undefined));
    const { token, expiresAt, counts } = await turn.service.createExportLink(turn.actor);
    turn.present.show(exportView(turn.t, turn.locale, turn.companyName, counts, { url: `${turn.exportBaseUrl}/exports/${token}`, expiresAt }));
  }

  protected home(turn: TaskTurn, message: View['notice']): Promise<void> {
    turn.present.show(mainMenuView(turn.t, turn.companyName, turn.memberships.length > 1, message));
    return Promise.resolve();
  }
}
