/** Request records: paged list (newest first), detail, delete with confirmation. */
import type { Locale, Translate } from '../i18n';
import type { Publisher, RequestRecord } from '../domain/publisher';
import { recordVersion } from '../domain/partVersions';
import { backToMenu, formatDateTime, navigation, versioned } from './common';
import { PAGE_SIZES, pageActions, pageOf } from './pager';
import { recordKindText, recordStatusText } from './recordWords';
import { OwnText, type Fact, type View } from './view';

/** Records per page of the list. */
export const RECORDS_PER_PAGE = PAGE_SIZES.records;

/** Records sorted newest first. */
export function newestFirst(records: RequestRecord[]): RequestRecord[] {
  return [...records].sort((a, b) => Date.parse(b.submittedAt) - Date.parse(a.submittedAt));
}

function recordFacts(t: Translate, locale: Locale, record: RequestRecord): Fact[] {
  return [
    { label: t('fields.recordKind'), value: recordKindText(t, record.kind) },
    { label: t('fields.submittedAt'), value: formatDateTime(record.submittedAt, locale) },
    { label: t('fields.status'), value: recordStatusText(t, record.status) },
    { label: t('fields.summary'), value: record.summary },
  ];
}

export function recordListView(t: Translate, locale: Locale, publisher: Publisher, page: number, notice?: View['notice']): View {
  const records = newestFirst(publisher.requestRecords);
  const shown = pageOf(records, page, PAGE_SIZES.records);
  return {
    title: OwnText.of(t, 'records.title'),
    subtitle: publisher.companyName,
    ...(notice ? { notice } : {}),
    paragraphs: [records.length ? t('records.page', { page: shown.index + 1, pages: shown.count, count: records.length }) : t('records.none')],
    sections: shown.items.map((record) => ({
      heading: `${recordKindText(t, record.kind)} · ${formatDateTime(record.submittedAt, locale)}`,
      facts: [{ label: t('fields.status'), value: recordStatusText(t, record.status) }],
      actions: [
        navigation('record.view', t('actions.view'), { recordId: record.id }),
        navigation('record.delete', t('actions.delete'), { recordId: record.id }, 'destructive'),
      ],
    })),
    actions: [...pageActions(t, shown, 'record.list'), backToMenu(t)],
    refresh: navigation('record.list', t('records.title'), { page: shown.index }),
  };
}

export function recordDetailView(t: Translate, locale: Locale, record: RequestRecord): View {
  return {
    title: OwnText.of(t, 'records.detailTitle'),
    facts: [{ label: t('fields.recordId'), value: record.id }, ...recordFacts(t, locale, record)],
    actions: [
      navigation('record.delete', t('records.delete'), { recordId: record.id }, 'destructive'),
      { verb: 'record.list', title: t('records.back') },
    ],
  };
}

export function recordDeleteConfirmView(t: Translate, locale: Locale, record: RequestRecord): View {
  return {
    title: OwnText.of(t, 'records.deleteTitle'),
    notice: { tone: 'warning', text: t('records.deleteWarning') },
    facts: [{ label: t('fields.recordId'), value: record.id }, ...recordFacts(t, locale, record)],
    actions: [
      versioned('record.delete.execute', t('records.deleteConfirm'), recordVersion(record), { recordId: record.id }, 'destructive'),
      { verb: 'record.list', title: t('actions.cancel') },
    ],
  };
}
