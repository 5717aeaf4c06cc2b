/**
 * Splitting a long text reply into pages WeChat accepts (about 2,000 UTF-8 bytes per message).
 * The caller supplies the footer (localized, e.g. "reply 1 for more"); it counts against each page.
 */

export const MAX_REPLY_BYTES = 2000;

/** The footer of page `page` of `total` (both from 1). Return '' where no footer is wanted, e.g. on the last page. */
export type PageFooter = (page: number, total: number) => string;

/**
 * Splits `text` into pages of at most `maxBytes` UTF-8 bytes each, footer included. Cuts at the last line
 * break that fits, else at the last space, else between two code points (never inside a character or a
 * surrogate pair). The line break or space at a cut is dropped. Always returns at least one page.
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

/** Where to end this page within the first `fit` units, and where the next page starts. */
function cutPoint(text: string, fit: number): { end: number; resume: number } {
  // A break right after the fitting prefix counts too: the prefix then ends exactly at a line end.
  const window = text.slice(0, fit + 1);
  const newline = window.lastIndexOf('\n');
  if (newline > 0) {
    const end = text[newline - 1] === '\r' ? newline - 1 : newline;
    if (end > 0) return { end, resume: newline + 1 };
  }
  const space = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\t'));
  if (space > 0) return { end: space, resume: space + 1 };
  return { end: fit, resume: fit };
}
