/** The notice task dialogs put above a refreshed view: saved, or why nothing was written. */
import type { Translate } from '../i18n';
import type { Publisher } from '../domain/publisher';
import type { ChangeResult } from '../service/privacyService';
import { changeSummary, notice } from '../views/common';
import type { View } from '../views/view';

/** "Saved: …" naming the changed fields (never values) by what the user knows them as (in `publisher`, the saved one), or why nothing was written. */
export function savedNotice(t: Translate, result: ChangeResult, publisher?: Publisher): View['notice'] {
  if (result.alreadyApplied) return notice(t, 'default', 'common.alreadyApplied');
  if (result.changedFields.length === 0) return notice(t, 'default', 'common.nothingChanged');
  const warnings = result.warnings.map((key) => t(key)).join(' ');
  const saved = t('common.saved', { fields: changeSummary(t, result.changedFields, publisher ? { publisher, positionsCurrent: true } : undefined) });
  const text = result.receipt ? `${saved} ${t('receipt.issued', { receiptId: result.receipt.id })}` : saved;
  return { tone: warnings ? 'warning' : 'good', text: warnings ? `${text} ${warnings}` : text };
}
