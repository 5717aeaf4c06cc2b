/** AAD accounts: list; admins add a user or remove one after confirmation (yourself: twice). */
import type { AadAccount, Publisher } from '../domain/publisher';
import { isPrivacyError } from '../service/errors';
import { accountAddView, accountListView, accountRemoveConfirmView, accountRoleView } from '../views/accountViews';
import { requestedPage } from '../views/pager';
import { receiptView } from '../views/receiptView';
import type { ActionData, View } from '../views/view';
import { savedNotice } from './notices';
import type { Verb } from '../tasks/registry';
import { TaskDialog, stringOf, versionOf, type TaskTurn } from './taskDialog';

export class AadAccountsDialog extends TaskDialog {
  static readonly id = 'aadAccounts' as const;

  constructor() {
    super(AadAccountsDialog.id);
  }

  // Showing the list, the form or a removal confirmation is never stale: each shows what is stored now.
  protected async handle(turn: TaskTurn, verb: Verb, data: ActionData): Promise<void> {
    switch (verb) {
      case 'account.add.save':
        return this.add(turn, data);
      case 'account.remove':
      case 'account.remove.confirmSelf':
        return this.confirmRemoval(turn, verb, data);
      case 'account.remove.execute':
        return this.remove(turn, data);
      case 'account.role':
        return this.chooseRole(turn, data);
      case 'account.role.save':
        return this.changeRole(turn, data);
    }
    const { publisher } = await turn.service.view(turn.actor);
    turn.present.show(verb === 'account.add' ? accountAddView(turn.t, publisher) : accountListView(turn.t, publisher, await viewerOf(turn, publisher), undefined, requestedPage(data)));
  }

  protected async home(turn: TaskTurn, message: View['notice']): Promise<void> {
    const { publisher } = await turn.service.view(turn.actor);
    turn.present.show(accountListView(turn.t, publisher, await viewerOf(turn, publisher), message));
  }

  private async chooseRole(turn: TaskTurn, data: ActionData, notice?: View['notice']): Promise<void> {
    const { publisher } = await turn.service.view(turn.actor);
    const account = accountNamed(publisher, stringOf(data, 'upn'));
    if (!account) return this.home(turn, { tone: 'attention', text: turn.t('errors.E-NOT-FOUND') });
    const isSelf = account === (await turn.service.ownAccountOf(turn.actor, publisher));
    const view = accountRoleView(turn.t, publisher, account, isSelf);
    turn.present.show(notice ? { ...view, notice } : view);
  }

  private async changeRole(turn: TaskTurn, data: ActionData): Promise<void> {
    const upn = stringOf(data, 'upn');
    let result;
    try {
      result = await turn.service.changeAadAccountRole(turn.actor, upn, stringOf(data, 'role'), versionOf(data));
    } catch (error) {
      if (!isPrivacyError(error, 'E-STALE')) throw error;
      // The list changed since the choice was shown: show it again as it stands now.
      return this.chooseRole(turn, data, { tone: 'warning', text: turn.t('stale.accountsChanged') });
    }
    const { publisher } = await turn.service.view(turn.actor);
    const account = accountNamed(publisher, upn);
    const changed = account !== undefined && result.changedFields.length > 0;
    // Says whose role is now what, by the name the list shows, rather than by a field path.
    const message = changed ? { tone: 'good' as const, text: turn.t('accounts.roleChanged', { name: account.displayName ?? account.upn, role: turn.t(`roles.${account.role}`) }) } : savedNotice(turn.t, result);
    await this.home(turn, message);
  }

  private async add(turn: TaskTurn, data: ActionData): Promise<void> {
    const input = { upn: stringOf(data, 'upn'), displayName: stringOf(data, 'displayName'), role: stringOf(data, 'role') };
    try {
      const result = await turn.service.addAadAccount(turn.actor, input);
      await this.home(turn, savedNotice(turn.t, result, (await turn.service.view(turn.actor)).publisher));
    } catch (error) {
      if (!isPrivacyError(error, 'E-VALIDATION') && !isPrivacyError(error, 'E-DUPLICATE')) throw error;
      const { publisher } = await turn.service.view(turn.actor);
      turn.present.show(accountAddView(turn.t, publisher, data, error.fieldErrors));
    }
  }

  private async confirmRemoval(turn: TaskTurn, verb: Verb, data: ActionData, notice?: View['notice']): Promise<void> {
    const { publisher } = await turn.service.view(turn.actor);
    const account = accountNamed(publisher, stringOf(data, 'upn'));
    if (!account) return this.home(turn, { tone: 'attention', text: turn.t('errors.E-NOT-FOUND') });
    const isSelf = account === (await turn.service.ownAccountOf(turn.actor, publisher));
    const view = accountRemoveConfirmView(turn.t, publisher, account, isSelf, verb === 'account.remove' ? 1 : 2);
    turn.present.show(notice ? { ...view, notice } : view);
  }

  private async remove(turn: TaskTurn, data: ActionData): Promise<void> {
    let result;
    try {
      result = await turn.service.removeAadAccount(turn.actor, stringOf(data, 'upn'), versionOf(data));
    } catch (error) {
      if (!isPrivacyError(error, 'E-STALE')) throw error;
      // A removal is confirmed on the list as it is: it changed, so confirm again (the last step).
      return this.confirmRemoval(turn, 'account.remove.confirmSelf', data, { tone: 'warning', text: turn.t('stale.accountsChanged') });
    }
    if (!result.receipt) return this.home(turn, savedNotice(turn.t, result));
    const { publisher } = await turn.service.view(turn.actor);
    const stillMember = (await turn.service.ownAccountOf(turn.actor, publisher)) !== undefined;
    turn.present.show(receiptView(turn.t, turn.locale, result.receipt, stillMember ? { verb: 'account.list', title: turn.t('accounts.back') } : { verb: 'help', title: turn.t('menu.help') }));
  }
}

/**
 * Who looks at the list: their own entry (for a WeChat user, the account that vouched for it) and
 * whether they are an admin — by that entry's role as stored now, so demoting yourself shows at once.
 */
async function viewerOf(turn: TaskTurn, publisher: Publisher): Promise<{ me: AadAccount | undefined; isAdmin: boolean }> {
  const me = await turn.service.ownAccountOf(turn.actor, publisher);
  return { me, isAdmin: (me?.role ?? turn.actor.role) === 'admin' };
}

function accountNamed(publisher: Publisher, upn: string): AadAccount | undefined {
  return publisher.aadAccounts.find((a) => a.upn === upn.toLowerCase());
}
