/** AAD accounts that may manage the publisher: list, add, remove with confirmation. */
import type { FieldError } from '../domain/validation';
import type { Translate } from '../i18n';
import type { AadAccount, Publisher } from '../domain/publisher';
import { backToMenu, formLevelErrors, versioned, withErrors } from './common';
import { OwnText, type ActionData, type View } from './view';

function accountName(t: Translate, account: AadAccount): string {
  return account.displayName ?? account.upn;
}

/**
 * The account list. Whether the caller is an admin is the actor's role (a linked WeChat user has
 * the role of the account that vouched for it), not whether `me` is set.
 */
export function accountListView(t: Translate, publisher: Publisher, version: number, viewer: { me: AadAccount | undefined; isAdmin: boolean }, notice?: View['notice']): View {
  const { me, isAdmin } = viewer;
  const admins = publisher.aadAccounts.filter((a) => a.role === 'admin').length;
  return {
    title: OwnText.of(t, 'accounts.title'),
    subtitle: publisher.companyName,
    ...(notice ? { notice } : {}),
    paragraphs: [isAdmin ? t('accounts.adminHint') : t('accounts.memberHint')],
    sections: publisher.aadAccounts.map((account) => {
      // The only admin can be neither removed nor made a member.
      const changeable = isAdmin && !(account.role === 'admin' && admins === 1);
      return {
        heading: account === me ? t('accounts.you', { name: accountName(t, account) }) : accountName(t, account),
        facts: [
          { label: t('fields.upn'), value: account.upn },
          { label: t('fields.role'), value: t(`roles.${account.role}`) },
        ],
        ...(changeable
          ? {
              actions: [
                versioned('account.role', t('accounts.changeRole'), version, { upn: account.upn }),
                versioned('account.remove', t('actions.remove'), version, { upn: account.upn }, 'destructive'),
              ],
            }
          : {}),
      };
    }),
    actions: [...(isAdmin ? [versioned('account.add', t('accounts.add'), version, {}, 'positive')] : []), backToMenu(t)],
  };
}

export function accountAddView(t: Translate, publisher: Publisher, version: number, submitted?: ActionData, errors: FieldError[] = []): View {
  const value = (name: string): string => String(submitted?.[name] ?? '');
  const fieldNameOf = (path: string): string | undefined => (['upn', 'displayName', 'role'].includes(path) ? path : undefined);
  return {
    title: OwnText.of(t, 'accounts.addTitle'),
    subtitle: publisher.companyName,
    ...(errors.length ? { notice: { tone: 'attention' as const, text: formLevelErrors(t, errors, fieldNameOf) ?? t('errors.E-VALIDATION') } } : {}),
    paragraphs: [t('accounts.addHint')],
    form: {
      fields: withErrors(
        t,
        [
          { name: 'upn', label: t('fields.upn'), kind: 'email', required: true, value: value('upn'), placeholder: 'name@contoso.partner.onmschina.cn', errorMessage: t('validation.email') },
          { name: 'displayName', label: t('fields.displayName'), kind: 'text', value: value('displayName'), maxLength: 100 },
          {
            name: 'role',
            label: t('fields.role'),
            kind: 'choice',
            required: true,
            value: value('role') || 'member',
            choices: [
              { value: 'member', title: t('roles.member') },
              { value: 'admin', title: t('roles.admin') },
            ],
            errorMessage: t('validation.role'),
          },
        ],
        errors,
        fieldNameOf,
      ),
      submit: versioned('account.add.save', t('accounts.addSubmit'), version, {}, 'positive'),
    },
    actions: [{ verb: 'account.list', title: t('actions.cancel') }],
  };
}

/** Confirmation before removing an account; removing yourself asks a second time (`step` 2). */
export function accountRemoveConfirmView(t: Translate, publisher: Publisher, version: number, account: AadAccount, isSelf: boolean, step: 1 | 2): View {
  const secondStep = isSelf && step === 1;
  return {
    title: OwnText.of(t, 'accounts.removeTitle'),
    subtitle: publisher.companyName,
    notice: { tone: 'warning', text: isSelf ? t(step === 1 ? 'accounts.removeSelfWarning' : 'accounts.removeSelfFinal') : t('accounts.removeWarning') },
    facts: [
      { label: t('fields.displayName'), value: account.displayName ?? t('common.none') },
      { label: t('fields.upn'), value: account.upn },
      { label: t('fields.role'), value: t(`roles.${account.role}`) },
    ],
    actions: [
      versioned(secondStep ? 'account.remove.confirmSelf' : 'account.remove.execute', t(secondStep ? 'actions.continue' : 'accounts.removeConfirm'), version, { upn: account.upn }, 'destructive'),
      { verb: 'account.list', title: t('actions.cancel') },
    ],
  };
}

/** Changing an account's role: the one other role as the choice; demoting yourself says what you lose. */
export function accountRoleView(t: Translate, publisher: Publisher, version: number, account: AadAccount, isSelf: boolean): View {
  const newRole = account.role === 'admin' ? 'member' : 'admin';
  return {
    title: OwnText.of(t, 'accounts.roleTitle'),
    subtitle: publisher.companyName,
    ...(isSelf && newRole === 'member' ? { notice: { tone: 'warning' as const, text: t('accounts.demoteSelfWarning') } } : {}),
    paragraphs: [t('accounts.roleHint')],
    facts: [
      { label: t('fields.displayName'), value: account.displayName ?? t('common.none') },
      { label: t('fields.upn'), value: account.upn },
      { label: t('fields.role'), value: t(`roles.${account.role}`) },
    ],
    actions: [
      versioned('account.role.save', t(newRole === 'admin' ? 'accounts.makeAdmin' : 'accounts.makeMember'), version, { upn: account.upn, role: newRole }, 'positive'),
      { verb: 'account.list', title: t('actions.cancel') },
    ],
  };
}
