/**
 * A request record's kind and status are data codes (the marketplace writes them in Chinese): the
 * known ones are shown in the user's language, an unknown one as it is stored.
 */
import type { Translate } from '../i18n';

const KIND_KEYS: Record<string, string> = {
  资料变更: 'records.kinds.profileChange',
  产品上架: 'records.kinds.offerListing',
  账号权限: 'records.kinds.accountAccess',
  发票申请: 'records.kinds.invoice',
};

const STATUS_KEYS: Record<string, string> = {
  处理中: 'records.statuses.inProgress',
  已完成: 'records.statuses.done',
  已驳回: 'records.statuses.rejected',
};

/** The record's kind in the user's language, or the code itself when it is not one we know. */
export function recordKindText(t: Translate, kind: string): string {
  const key = Object.hasOwn(KIND_KEYS, kind) ? KIND_KEYS[kind] : undefined;
  return key ? t(key) : kind;
}

/** The record's status in the user's language, or the code itself when it is not one we know. */
export function recordStatusText(t: Translate, status: string): string {
  const key = Object.hasOwn(STATUS_KEYS, status) ? STATUS_KEYS[status] : undefined;
  return key ? t(key) : status;
}
