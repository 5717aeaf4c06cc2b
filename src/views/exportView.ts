/** The data export as the chat shows it: what the file holds, counted per category, and its download link — never the data. */
import type { Locale, Translate } from '../i18n';
import type { ExportCounts } from '../service/privacyService';
import { backToMenu, formatDateTime } from './common';
import { OwnText, type View } from './view';

const CATEGORIES = ['contacts', 'aadAccounts', 'offers', 'requestRecords', 'wechatBindings', 'teamsLinks', 'auditEntries'] as const satisfies readonly (keyof ExportCounts)[];

/**
 * The file is ready at `url` until `expiresAt`; without a url (no PUBLIC_BASE_URL) the view says
 * downloading is not set up and keeps the summary, so the user still learns what is held.
 */
export function exportView(t: Translate, locale: Locale, companyName: string, counts: ExportCounts, download: { url: string; expiresAt: Date } | undefined): View {
  return {
    title: OwnText.of(t, 'export.title'),
    subtitle: companyName,
    notice: download ? { tone: 'good', text: t('export.ready', { time: formatDateTime(download.expiresAt.toISOString(), locale) }) } : { tone: 'warning', text: t('export.noDownload') },
    facts: [
      ...CATEGORIES.map((category) => ({ label: OwnText.of(t, `export.counts.${category}`), value: OwnText.of(t, 'export.count', { count: counts[category] }) })),
      ...(download ? [{ label: OwnText.of(t, 'export.expires'), value: formatDateTime(download.expiresAt.toISOString(), locale) }] : []),
    ],
    ...(download ? { links: [{ title: t('export.download'), url: download.url }] } : {}),
    actions: [backToMenu(t)],
  };
}
