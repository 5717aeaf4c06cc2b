/** Request records: paged list, one record in detail, delete one after confirmation. */
import { recordDeleteConfirmView, recordDetailView, recordListView } from '../views/recordViews';
import { receiptView } from '../views/receiptView';
import type { ActionData, View } from '../views/view';
import { savedNotice, staleNotice } from './notices';
import type { Verb } from '../tasks/registry';
import { TaskDialog, stringOf, versionOf, type TaskTurn } from './taskDialog';

export class RequestRecordsDialog extends TaskDialog {
  static readonly id = 'requestRecords' as const;

  constructor() {
    super(RequestRecordsDialog.id);
  }

  protected async handle(turn: TaskTurn, verb: Verb, data: ActionData): Promise<void> {
    if (verb === 'record.delete.execute') return this.delete(turn, data);
    const { publisher, version } = await turn.service.view(turn.actor);
    const stale = data.v !== undefined && versionOf(data) !== version;
    const record = publisher.requestRecords.find((r) => r.id === stringOf(data, 'recordId'));
    if (verb === 'record.list' || !record || stale) {
      const message = stale ? staleNotice(turn.t) : verb !== 'record.list' ? { tone: 'attention' as const, text: turn.t('errors.E-NOT-FOUND') } : undefined;
      const page = typeof data.page === 'number' ? data.page : 0;
      return turn.present.show(recordListView(turn.t, turn.locale, publisher, version, page, message));
    }
    turn.present.show(
      verb === 'record.delete'
        ? recordDeleteConfirmView(turn.t, turn.locale, version, record)
        : recordDetailView(turn.t, turn.locale, version, record),
    );
  }

  protected async home(turn: TaskTurn, message: View['notice']): Promise<void> {
    const { publisher, version } = await turn.service.view(turn.actor);
    turn.present.show(recordListView(turn.t, turn.locale, publisher, version, 0, message));
  }

  private async delete(turn: TaskTurn, data: ActionData): Promise<void> {
    const result = await turn.service.deleteRequestRecord(turn.actor, stringOf(data, 'recordId'), versionOf(data));
    if (!result.receipt) return this.home(turn, savedNotice(turn.t, result));
    turn.present.show(receiptView(turn.t, turn.locale, result.receipt, { verb: 'record.list', title: turn.t('records.back') }));
  }
}
