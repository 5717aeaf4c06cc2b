/** AAD accounts: list; admins add a user, change a role, or remove one after confirmation (yourself: twice). */
import type { AadAccount, Publisher } from '../domain/publisher';
import { isPrivacyError } from '../service/errors';
import { accountAddView, accountListView, accountRemoveConfirmView, accountRoleView } from '../views/accountViews';
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
    const viewer = await viewerOf(turn, publisher);
    const stale = data.v !== undefined && versionOf(data) !== version;
    switch (verb) {
      case 'account.add':
        turn.present.show(stale ? accountListView(turn.t, publisher, version, viewer, staleNotice(turn.t)) : accountAddView(turn.t, publisher, version));
        return;
      case 'account.role':
        return this.chooseRole(turn, data, stale);
      case 'account.role.save':
        return this.changeRole(turn, data);
      case 'account.add.save':
        return this.add(turn, data);
      case 'account.remove':
      case 'account.remove.confirmSelf':
        return this.confirmRemoval(turn, verb, data, stale);
      case 'account.remove.execute':
        return this.remove(turn, data);
      default:
        turn.present.show(accountListView(turn.t, publisher, version, viewer, stale ? staleNotice(turn.t) : undefined));
    }
  }

  protected async home(turn: TaskTurn, message: View['notice']): Promise<void> {
    const { publisher, version } = await turn.service.view(turn.actor);
    turn.present.show(accountListView(turn.t, publisher, version, await viewerOf(turn, publisher), message));
  }

  private async chooseRole(turn: TaskTurn, data: ActionData, stale: boolean): Promise<void> {
    const { publisher, version } = await turn.service.view(turn.actor);
    const account = accountNamed(publisher, stringOf(data, 'upn'));
    if (!account || stale) {
      await this.home(turn, account ? staleNotice(turn.t) : { tone: 'attention', text: turn.t('errors.E-NOT-FOUND') });
      return;
    }
    const isSelf = account === (await turn.service.ownAccountOf(turn.actor, publisher));
    turn.present.show(accountRoleView(turn.t, publisher, version, account, isSelf));
  }

  private async changeRole(turn: TaskTurn, data: ActionData): Promise<void> {
    const upn = stringOf(data, 'upn');
    const result = await turn.service.changeAadAccountRole(turn.actor, upn, stringOf(data, 'role'), versionOf(data));
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
    const account = accountNamed(publisher, stringOf(data, 'upn'));
    if (!account || stale) {
      await this.home(turn, account ? staleNotice(turn.t) : { tone: 'attention', text: turn.t('errors.E-NOT-FOUND') });
      return;
    }
    const isSelf = account === (await turn.service.ownAccountOf(turn.actor, publisher));
    turn.present.show(accountRemoveConfirmView(turn.t, publisher, version, account, isSelf, verb === 'account.remove' ? 1 : 2));
  }

  private async remove(turn: TaskTurn, data: ActionData): Promise<void> {
    const result = await turn.service.removeAadAccount(turn.actor, stringOf(data, 'upn'), versionOf(data));
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
