/** Request records: paged list, one record in detail, delete one after confirmation. */
import { recordDeleteConfirmView, recordDetailView, recordListView } from '../views/recordViews';
import { requestedPage } from '../views/pager';
import { receiptView } from '../views/receiptView';
import type { ActionData, View } from '../views/view';
import { isPrivacyError } from '../service/errors';
import { savedNotice } from './notices';
import type { Verb } from '../tasks/registry';
import { TaskDialog, stringOf, versionOf, type TaskTurn } from './taskDialog';

export class RequestRecordsDialog extends TaskDialog {
  static readonly id = 'requestRecords' as const;

  constructor() {
    super(RequestRecordsDialog.id);
  }

  // Showing a record or its deletion confirmation is never stale: each shows what is stored now.
  protected async handle(turn: TaskTurn, verb: Verb, data: ActionData): Promise<void> {
    if (verb === 'record.delete.execute') return this.delete(turn, data);
    const { publisher } = await turn.service.view(turn.actor);
    const record = publisher.requestRecords.find((r) => r.id === stringOf(data, 'recordId'));
    if (verb === 'record.list' || !record) {
      const message = verb !== 'record.list' ? { tone: 'attention' as const, text: turn.t('errors.E-NOT-FOUND') } : undefined;
      return turn.present.show(recordListView(turn.t, turn.locale, publisher, requestedPage(data), message));
    }
    turn.present.show(verb === 'record.delete' ? recordDeleteConfirmView(turn.t, turn.locale, record) : recordDetailView(turn.t, turn.locale, record));
  }

  protected async home(turn: TaskTurn, message: View['notice']): Promise<void> {
    const { publisher } = await turn.service.view(turn.actor);
    turn.present.show(recordListView(turn.t, turn.locale, publisher, 0, message));
  }

  private async delete(turn: TaskTurn, data: ActionData): Promise<void> {
    const recordId = stringOf(data, 'recordId');
    try {
      const result = await turn.service.deleteRequestRecord(turn.actor, recordId, versionOf(data));
      if (!result.receipt) return this.home(turn, savedNotice(turn.t, result));
      turn.present.show(receiptView(turn.t, turn.locale, result.receipt, { verb: 'record.list', title: turn.t('records.back') }));
    } catch (error) {
      if (!isPrivacyError(error, 'E-STALE')) throw error;
      // A deletion is confirmed on what it removes: the record changed, so confirm it as it is now.
      const record = (await turn.service.view(turn.actor)).publisher.requestRecords.find((r) => r.id === recordId);
      if (!record) return this.home(turn, { tone: 'attention', text: turn.t('errors.E-NOT-FOUND') });
      turn.present.show({ ...recordDeleteConfirmView(turn.t, turn.locale, record), notice: { tone: 'warning', text: turn.t('stale.recordChanged') } });
    }
  }
}
