/**
 * Splitting a long text reply into pages WeChat accepts (about 2,000 UTF-8 bytes per message).
 * The caller supplies the footer (localized, e.g. "reply 1 for more"); it counts against each page.
 */

export const MAX_REPLY_BYTES = 2000;

/** The footer of page `page` of `total` (both from 1). Return '' where no footer is wanted, e.g. on the last page. */
export type PageFooter = (page: number, total: number) => string;

/**
 * Splits `text` into pages of at most `maxBytes` UTF-8 bytes each, footer included. Cuts at the last
 * blank line that fits (entries — a contact, an offer, a record — are separated by blank lines, so a
 * page ends where an entry does), else at the last line break, else at the last space, else between
 * two user-perceived characters (never inside an emoji sequence or a surrogate pair). The break at a
 * cut is dropped. Always returns at least one page.
 */
export function paginate(text: string, footer: PageFooter, maxBytes: number = MAX_REPLY_BYTES): string[] {
  // The footer may depend on the page count, which depends on the footers: iterate to a fixed point.
  // With footers that grow with the total (digits), the count only grows, so this settles in a few rounds.
  let total = 1;
  for (let round = 0; round < 16; round++) {
    const bodies = splitBodies(text, (page) => maxBytes - utf8Length(footer(page, total)));
    if (bodies.length === total) return bodies.map((body, i) => body + footer(i + 1, total));
    total = bodies.length;
  }
  throw new RangeError('paginate: the footer keeps changing the page count');
}

/** UTF-8 length of a string, as WeChat counts it (a lone surrogate is sent as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function splitBodies(text: string, budgetOf: (page: number) => number): string[] {
  const bodies: string[] = [];
  let rest = text;
  do {
    const budget = budgetOf(bodies.length + 1);
    const fit = fittingPrefixLength(rest, budget);
    if (fit === rest.length) {
      bodies.push(rest);
      break;
    }
    if (fit === 0) throw new RangeError('paginate: the footer leaves no room for text');
    const { end, resume } = cutPoint(rest, fit);
    bodies.push(rest.slice(0, end));
    rest = rest.slice(resume);
  } while (rest.length > 0);
  return bodies;
}

/** The length (UTF-16 units) of the longest prefix of whole code points within `budget` bytes. */
function fittingPrefixLength(text: string, budget: number): number {
  let bytes = 0;
  let units = 0;
  for (const char of text) {
    bytes += codePointBytes(char.codePointAt(0) ?? 0);
    if (bytes > budget) break;
    units += char.length;
  }
  return units;
}

function codePointBytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Where to end this page within the first `fit` units, and where the next page starts. */
function cutPoint(text: string, fit: number): { end: number; resume: number } {
  // A break right after the fitting prefix counts too: the prefix then ends exactly at a line end.
  const window = text.slice(0, fit + 2);
  const blank = /\r?\n\r?\n/g;
  let entryEnd: { end: number; resume: number } | undefined;
  for (let match = blank.exec(window); match; match = blank.exec(window)) {
    if (match.index > 0 && match.index <= fit) entryEnd = { end: match.index, resume: match.index + match[0].length };
  }
  if (entryEnd) return entryEnd;
  const newline = window.slice(0, fit + 1).lastIndexOf('\n');
  if (newline > 0) {
    const end = text[newline - 1] === '\r' ? newline - 1 : newline;
    if (end > 0) return { end, resume: newline + 1 };
  }
  const line = window.slice(0, fit + 1);
  const space = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t'));
  if (space > 0) return { end: space, resume: space + 1 };
  const boundary = lastGraphemeBoundary(text, fit);
  return { end: boundary, resume: boundary };
}

/**
 * The last boundary between user-perceived characters at or before `fit`, or `fit` when the first
 * one is longer than the page. Whether a character starts at an index depends on what precedes it
 * and on the code point there, so a window holding the whole code point at `fit` (two units) gives
 * the same boundaries up to `fit` as the whole text.
 */
function lastGraphemeBoundary(text: string, fit: number): number {
  let boundary = 0;
  for (const { index } of graphemes.segment(text.slice(0, fit + 2))) {
    if (index > fit) break;
    boundary = index;
  }
  return boundary > 0 ? boundary : fit;
}
