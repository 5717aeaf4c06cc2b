/**
 * Lists shown a page at a time, cut between items. Teams refuses a message over about 28 KB, so
 * every list a view shows (offers, accounts, contacts, records, receipts, audit entries, publishers)
 * holds at most a page of items, each bounded by the schema's maxima; the page sizes below are what
 * keeps a page at the maxima under 25 KB of card JSON (test/e2e/messageSize.e2e.test.ts checks it).
 * Paging only shows: its actions are navigation, carrying no part version.
 */
import type { Translate } from '../i18n';
import type { Verb } from '../tasks/registry';
import { navigation } from './common';
import type { ActionData, ViewAction } from './view';

/** Items per page, per list: about 1.5 KB of card per item at the schema's maxima. */
export const PAGE_SIZES = {
  offers: 10,
  accounts: 10,
  contacts: 10,
  records: 5,
  receipts: 5,
  // An entry names each field with its item (an offer's name may be 200 characters): a few per page.
  audit: 4,
  publishers: 10,
} as const;

export interface Page<T> {
  /** The items on this page, in list order. */
  items: T[];
  /** From 0. */
  index: number;
  /** At least 1, also for an empty list. */
  count: number;
  /** Items in the whole list. */
  total: number;
  /** Where this page starts in the whole list (numbering items across pages). */
  offset: number;
}

/** Page `requested` (from 0; clamped to the pages there are) of `items`, `size` per page. */
export function pageOf<T>(items: readonly T[], requested: number, size: number): Page<T> {
  const count = Math.max(1, Math.ceil(items.length / size));
  const index = Math.min(Math.max(Number.isInteger(requested) ? requested : 0, 0), count - 1);
  const offset = index * size;
  return { items: items.slice(offset, offset + size), index, count, total: items.length, offset };
}

/**
 * The page a card action or a WeChat choice asks for: a whole number in `data.page` (a number from
 * a card, or digits from a client that sent it as text); page 0 for anything else.
 */
export function requestedPage(data: ActionData): number {
  const value = data.page;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : 0;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
  return 0;
}

/** "Page 2 of 7", or nothing when the list fits on one page. */
export function pageLine(t: Translate, page: Page<unknown>): string | undefined {
  return page.count > 1 ? t('paging.pageOf', { page: page.index + 1, pages: page.count }) : undefined;
}

/** "Previous page" and "Next page" where there is one, re-running `verb` with `data` and the page. */
export function pageActions(t: Translate, page: Page<unknown>, verb: Verb, data: ActionData = {}): ViewAction[] {
  const actions: ViewAction[] = [];
  if (page.index > 0) actions.push(navigation(verb, t('paging.previous'), { ...data, page: page.index - 1 }));
  if (page.index < page.count - 1) actions.push(navigation(verb, t('paging.next'), { ...data, page: page.index + 1 }));
  return actions;
}
