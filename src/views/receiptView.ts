/** The erasure receipt shown after a deletion: what kinds of records went, how many, when, by whom (hashed). */
import type { Locale, Translate } from '../i18n';
import type { ErasureReceipt } from '../service/receipts';
import { backToMenu, formatDateTime } from './common';
import { OwnText, type View, type ViewAction } from './view';

export function receiptView(t: Translate, locale: Locale, receipt: ErasureReceipt, next: ViewAction): View {
  return {
    title: OwnText.of(t, 'receipt.title'),
    notice: { tone: 'good', text: t('receipt.done') },
    facts: [
      { label: t('receipt.id'), value: receipt.id },
      { label: t('receipt.at'), value: formatDateTime(receipt.at, locale) },
      ...receipt.erased.map((item) => ({ label: t(`receipt.categories.${item.category}`), value: String(item.count) })),
      { label: t('receipt.actor'), value: receipt.actor },
    ],
    paragraphs: [t('receipt.note')],
    actions: [next, backToMenu(t)],
  };
}
