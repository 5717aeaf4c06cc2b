/** AAD accounts: list; admins add a user or remove one after confirmation (yourself: twice). */
import type { AadAccount, Publisher } from '../domain/publisher';
import { ownAccount, type Actor } from '../service/access';
import { isPrivacyError } from '../service/errors';
import { accountAddView, accountListView, accountRemoveConfirmView } from '../views/accountViews';
import { receiptView } from '../views/receiptView';
import type { ActionData, View } from '../views/view';
import { savedNotice, staleNotice } from './notices';
import type { Verb } from '../tasks/registry';
import { TaskDialog, stringOf, versionOf, type TaskTurn } from './taskDialog';

export class AadAccountsDialog extends TaskDialog {
  static readonly id = 'aadAccounts' as const;

  constructor() {
    super(AadAccountsDialog.id);
  }

  protected async handle(turn: TaskTurn, verb: Verb, data: ActionData): Promise<void> {
    const { publisher, version } = await turn.service.view(turn.actor);
    const me = currentAccount(publisher, turn.actor);
    const stale = data.v !== undefined && versionOf(data) !== version;
    switch (verb) {
      case 'account.add':
        turn.present.show(stale ? accountListView(turn.t, publisher, version, me, staleNotice(turn.t)) : accountAddView(turn.t, publisher, version));
        return;
      case 'account.add.save':
        return this.add(turn, data);
      case 'account.remove':
      case 'account.remove.confirmSelf':
        return this.confirmRemoval(turn, verb, data, stale);
      case 'account.remove.execute':
        return this.remove(turn, data);
      default:
        turn.present.show(accountListView(turn.t, publisher, version, me, stale ? staleNotice(turn.t) : undefined));
    }
  }

  protected async home(turn: TaskTurn, message: View['notice']): Promise<void> {
    const { publisher, version } = await turn.service.view(turn.actor);
    turn.present.show(accountListView(turn.t, publisher, version, currentAccount(publisher, turn.actor), message));
  }

  private async add(turn: TaskTurn, data: ActionData): Promise<void> {
    const input = { upn: stringOf(data, 'upn'), displayName: stringOf(data, 'displayName'), role: stringOf(data, 'role') };
    try {
      const result = await turn.service.addAadAccount(turn.actor, input, versionOf(data));
      await this.home(turn, savedNotice(turn.t, result));
    } catch (error) {
      if (!isPrivacyError(error, 'E-VALIDATION') && !isPrivacyError(error, 'E-DUPLICATE')) throw error;
      const { publisher, version } = await turn.service.view(turn.actor);
      turn.present.show(accountAddView(turn.t, publisher, version, data, error.fieldErrors));
    }
  }

  private async confirmRemoval(turn: TaskTurn, verb: Verb, data: ActionData, stale: boolean): Promise<void> {
    const { publisher, version } = await turn.service.view(turn.actor);
    const account = publisher.aadAccounts.find((a) => a.upn === stringOf(data, 'upn').toLowerCase());
    if (!account || stale) {
      await this.home(turn, account ? staleNotice(turn.t) : { tone: 'attention', text: turn.t('errors.E-NOT-FOUND') });
      return;
    }
    const isSelf = account === currentAccount(publisher, turn.actor);
    turn.present.show(accountRemoveConfirmView(turn.t, publisher, version, account, isSelf, verb === 'account.remove' ? 1 : 2));
  }

  private async remove(turn: TaskTurn, data: ActionData): Promise<void> {
    const result = await turn.service.removeAadAccount(turn.actor, stringOf(data, 'upn'), versionOf(data));
    if (!result.receipt) return this.home(turn, savedNotice(turn.t, result));
    const { publisher } = await turn.service.view(turn.actor);
    const stillMember = currentAccount(publisher, turn.actor) !== undefined;
    turn.present.show(receiptView(turn.t, turn.locale, result.receipt, stillMember ? { verb: 'account.list', title: turn.t('accounts.back') } : { verb: 'help', title: turn.t('menu.help') }));
  }
}

/** The caller's own entry on the account list (AAD callers only). */
function currentAccount(publisher: Publisher, actor: Actor): AadAccount | undefined {
  return ownAccount(publisher, actor.identity);
}
