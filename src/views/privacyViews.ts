/** The rights notice, past erasure receipts, and the audit trail as admins see it. */
import type { Locale, Translate } from '../i18n';
import type { ErasureReceipt } from '../service/receipts';
import type { AuditEntry } from '../store/types';
import type { Publisher } from '../domain/publisher';
import { backToMenu, formatDateTime } from './common';
import { describeField } from './fieldNames';
import { PAGE_SIZES, pageActions, pageLine, pageOf } from './pager';
import { OwnText, type View } from './view';

export const HELD_DATA = ['aadAccounts', 'contacts', 'customerService', 'requestRecords', 'wechatBindings', 'teamsLinks'] as const;
export const RIGHTS = ['access', 'rectify', 'erase', 'portability', 'object'] as const;
/** Every action the audit trail records, as its locale key (`audit.actions.<key>`) spells it. */
export const AUDIT_ACTION_KEYS = [
  'contactInfo_update', 'contact_remove', 'aadAccount_add', 'aadAccount_remove', 'aadAccount_role', 'offer_customerService_update', 'offer_delete', 'requestRecord_delete',
  'export', 'export_download', 'import', 'import_replace', 'wechat_code_issue', 'wechat_bind', 'wechat_unbind', 'wechat_link', 'wechat_unlink', 'teams_link', 'teams_unlink',
  'publisher_erase', 'records_purge',
] as const;

export interface RetentionPolicy {
  privacyContact: string;
  conversationTtlMinutes: number;
  auditRetentionDays: number;
}

/** What is held, why, for how long, and how to exercise each right (GDPR Art. 13–22, PIPL Art. 44–50). */
export function privacyNoticeView(t: Translate, policy: RetentionPolicy): View {
  const days = policy.auditRetentionDays;
  const auditKept = days >= 365 ? OwnText.of(t, 'privacy.retention.years', { count: Math.round((days / 365) * 10) / 10 }) : OwnText.of(t, 'privacy.retention.days', { count: days });
  return {
    title: OwnText.of(t, 'privacy.title'),
    paragraphs: [t('privacy.intro')],
    sections: [
      { heading: OwnText.of(t, 'privacy.heldHeading'), facts: HELD_DATA.map((key) => ({ label: OwnText.of(t, `privacy.held.${key}.label`), value: OwnText.of(t, `privacy.held.${key}.text`) })) },
      { heading: OwnText.of(t, 'privacy.whyHeading'), facts: [{ label: OwnText.of(t, 'privacy.purposeLabel'), value: OwnText.of(t, 'privacy.purpose') }, { label: OwnText.of(t, 'privacy.basisLabel'), value: OwnText.of(t, 'privacy.basis') }] },
      {
        heading: OwnText.of(t, 'privacy.retentionHeading'),
        facts: [
          { label: OwnText.of(t, 'privacy.retention.records'), value: OwnText.of(t, 'privacy.retention.recordsText') },
          { label: OwnText.of(t, 'privacy.retention.conversation'), value: OwnText.of(t, 'privacy.retention.conversationText', { minutes: policy.conversationTtlMinutes }) },
          { label: OwnText.of(t, 'privacy.retention.codes'), value: OwnText.of(t, 'privacy.retention.codesText') },
          { label: OwnText.of(t, 'privacy.retention.audit'), value: OwnText.of(t, 'privacy.retention.auditText', { period: auditKept }) },
        ],
      },
      {
        heading: OwnText.of(t, 'privacy.rightsHeading'),
        facts: RIGHTS.map((right) => ({ label: OwnText.of(t, `privacy.rights.${right}.label`), value: OwnText.of(t, `privacy.rights.${right}.how`) })),
      },
    ],
    facts: [{ label: t('privacy.contactLabel'), value: policy.privacyContact }],
    actions: [{ verb: 'receipts', title: t('menu.receipts') }, backToMenu(t)],
  };
}

/** One page of the erasure receipts, newest first (`page` from 0). */
export function receiptListView(t: Translate, locale: Locale, receipts: ErasureReceipt[], page = 0): View {
  const shown = pageOf(receipts, page, PAGE_SIZES.receipts);
  const pageText = pageLine(t, shown);
  return {
    title: OwnText.of(t, 'receipts.title'),
    paragraphs: [receipts.length ? t('receipts.intro', { count: receipts.length }) : t('receipts.none'), ...(pageText ? [pageText] : [])],
    sections: shown.items.map((receipt) => ({
      heading: `${formatDateTime(receipt.at, locale)} · ${receipt.id}`,
      facts: receipt.erased.map((item) => ({ label: t(`receipt.categories.${item.category}`), value: String(item.count) })),
    })),
    actions: [...pageActions(t, shown, 'receipts'), backToMenu(t)],
  };
}

/** One page of the audit entries, newest first: who (a name where the actor is still known), what, when — never values. */
export function auditTrailView(t: Translate, locale: Locale, entries: AuditEntry[], nameOf: (actor: string) => string, publisher?: Publisher, page = 0): View {
  // Old entries' list positions may point elsewhere now: offers are named by id, contacts and accounts by their list's label.
  const names = { ...(publisher ? { publisher } : {}), positionsCurrent: false };
  const shown = pageOf(entries, page, PAGE_SIZES.audit);
  const pageText = pageLine(t, shown);
  return {
    title: OwnText.of(t, 'audit.title'),
    paragraphs: [entries.length ? t('audit.intro', { count: entries.length }) : t('audit.none'), ...(pageText ? [pageText] : [])],
    sections: shown.items.map((entry) => ({
      heading: `${formatDateTime(entry.at, locale)} · ${t(`audit.actions.${actionKey(entry.action)}`, { defaultValue: entry.action })}`,
      facts: [
        { label: t('audit.who'), value: nameOf(entry.actor) },
        ...(entry.fields.length ? [{ label: t('audit.fields'), value: [...new Set(entry.fields.map((path) => describeField(t, path, names)))].join(t('common.listSeparator')) }] : []),
        ...(entry.receiptId ? [{ label: t('receipt.id'), value: entry.receiptId }] : []),
      ],
    })),
    actions: [...pageActions(t, shown, 'audit'), backToMenu(t)],
  };
}

/** `offer.delete` → `offer_delete`: dots would nest the locale key. */
function actionKey(action: string): string {
  return action.replace(/\./g, '_');
}
