/**
 * The sign-in pages: small server-rendered HTML in both languages (the user's first), no scripts,
 * no third-party assets, every value escaped, served under a CSP that allows only the inline style.
 */
import { LOCALES, translator, type Locale } from '../i18n';

export const PAGE_KINDS = ['linked', 'noMatch', 'ticket', 'expired', 'provider', 'badRequest'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** Nothing loads but the page's own inline style: no scripts, images, forms or framing. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#222}section+section{border-top:1px solid #ddd;margin-top:2rem;padding-top:1rem}h1{font-size:1.4rem}';

export interface PageData {
  kind: PageKind;
  /** The user's language, shown first; unknown when the link itself was bad. */
  locale?: Locale;
  /** linked: the publisher's name. */
  companyName?: string;
  /** linked: which chat to go back to. */
  channel?: 'wechat' | 'msteams';
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function renderSigninPage(page: PageData): string {
  const order = page.locale ? [page.locale, ...LOCALES.filter((l) => l !== page.locale)] : [...LOCALES].reverse();
  const sections = order.map((locale) => {
    const t = translator(locale);
    const chat = t(page.channel === 'msteams' ? 'signin.page.teams' : 'signin.page.wechat');
    const values = { company: page.companyName ?? '', chat };
    const title = t(`signin.page.${page.kind}.title`, values);
    const text = t(`signin.page.${page.kind}.text`, values);
    return `<section lang="${locale}"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></section>`;
  });
  const first = translator(order[0]!);
  const chat = first(page.channel === 'msteams' ? 'signin.page.teams' : 'signin.page.wechat');
  return `<!doctype html><html lang="${order[0]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(first(`signin.page.${page.kind}.title`, { chat }))}</title><style>${STYLE}</style></head><body>${sections.join('')}</body></html>`;
}
