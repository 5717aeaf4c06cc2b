/** AAD accounts that may manage the publisher: list, add, remove with confirmation. */
import type { FieldError } from '../domain/validation';
import type { Translate } from '../i18n';
import type { AadAccount, Publisher } from '../domain/publisher';
import { aadAccountsVersion } from '../domain/partVersions';
import { backToMenu, formLevelErrors, navigation, versioned, withErrors } from './common';
import { PAGE_SIZES, pageActions, pageLine, pageOf } from './pager';
import { OwnText, type ActionData, type View } from './view';

function accountName(t: Translate, account: AadAccount): string {
  return account.displayName ?? account.upn;
}

/**
 * The account list. Whether the caller is an admin is the actor's role (a linked WeChat user has
 * the role of the account that vouched for it), not whether `me` is set.
 */
export function accountListView(t: Translate, publisher: Publisher, viewer: { me: AadAccount | undefined; isAdmin: boolean }, notice?: View['notice'], page = 0): View {
  const { me, isAdmin } = viewer;
  const admins = publisher.aadAccounts.filter((a) => a.role === 'admin').length;
  const shown = pageOf(publisher.aadAccounts, page, PAGE_SIZES.accounts);
  const pageText = pageLine(t, shown);
  return {
    title: OwnText.of(t, 'accounts.title'),
    subtitle: publisher.companyName,
    ...(notice ? { notice } : {}),
    paragraphs: [isAdmin ? t('accounts.adminHint') : t('accounts.memberHint'), ...(pageText ? [pageText] : [])],
    sections: shown.items.map((account) => {
      const removable = isAdmin && !(account.role === 'admin' && admins === 1);
      return {
        heading: account === me ? t('accounts.you', { name: accountName(t, account) }) : accountName(t, account),
        facts: [
          { label: t('fields.upn'), value: account.upn },
          { label: t('fields.role'), value: t(`roles.${account.role}`) },
        ],
        // The only admin can be neither removed nor made a member.
        ...(removable
          ? {
              actions: [
                navigation('account.role', t('accounts.changeRole'), { upn: account.upn }),
                navigation('account.remove', t('actions.remove'), { upn: account.upn }, 'destructive'),
              ],
            }
          : {}),
      };
    }),
    actions: [...(isAdmin ? [navigation('account.add', t('accounts.add'), {}, 'positive')] : []), ...pageActions(t, shown, 'account.list'), backToMenu(t)],
    refresh: navigation('account.list', t('accounts.title'), { page: shown.index }),
  };
}

export function accountAddView(t: Translate, publisher: Publisher, submitted?: ActionData, errors: FieldError[] = []): View {
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
          { name: 'upn', label: t('fields.upn'), kind: 'email', spec: 'account.upn', required: true, value: value('upn'), placeholder: 'name@contoso.partner.onmschina.cn', errorMessage: t('validation.email') },
          { name: 'displayName', label: t('fields.displayName'), kind: 'text', spec: 'account.displayName', value: value('displayName'), maxLength: 100 },
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
      submit: navigation('account.add.save', t('accounts.addSubmit'), {}, 'positive'),
    },
    actions: [{ verb: 'account.list', title: t('actions.cancel') }],
  };
}

/** Confirmation before removing an account; removing yourself asks a second time (`step` 2). */
export function accountRemoveConfirmView(t: Translate, publisher: Publisher, account: AadAccount, isSelf: boolean, step: 1 | 2): View {
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
      secondStep
        ? navigation('account.remove.confirmSelf', t('actions.continue'), { upn: account.upn }, 'destructive')
        : versioned('account.remove.execute', t('accounts.removeConfirm'), aadAccountsVersion(publisher), { upn: account.upn }, 'destructive'),
      { verb: 'account.list', title: t('actions.cancel') },
    ],
  };
}

/** Changing an account's role: the one other role as the choice; demoting yourself says what you lose. */
export function accountRoleView(t: Translate, publisher: Publisher, account: AadAccount, isSelf: boolean): View {
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
      versioned('account.role.save', t(newRole === 'admin' ? 'accounts.makeAdmin' : 'accounts.makeMember'), aadAccountsVersion(publisher), { upn: account.upn, role: newRole }, 'positive'),
      { verb: 'account.list', title: t('actions.cancel') },
    ],
  };
}
