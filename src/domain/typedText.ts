/**
 * What a Chinese keyboard produces, reduced to what our parsers expect. Pinyin IMEs type full-width
 * digits, letters and punctuation (１３９, ＠, －, ：), an ideographic space, and pasted text carries
 * zero-width characters; the user means the plain characters. Unicode NFKC maps the full-width
 * forms; a short list covers the dashes and invisible characters NFKC leaves alone.
 */

// Zero-width space, joiners, word joiner, BOM, soft hyphen, and the bidi marks: invisible when typed.
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u00AD\u202A-\u202E]/g;
// Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus: all typed for "-".
const DASHES = /[\u2010-\u2015\u2212]/g;

/** The text as the user meant it: NFKC, plain dashes, no invisible characters, single spaces, trimmed. */
export function normalizeTyped(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-').replace(/\s+/g, ' ').trim();
}

// Sentence-ending punctuation an IME adds to a one-word message ("菜单。", "help!"), full-width or not.
const TRAILING_PUNCTUATION = /[\s.!?。！？，,、~～…]+$/u;

/** A typed command or menu answer as compared with the command words: normalized, no trailing punctuation, lower case. */
export function normalizeCommand(text: string): string {
  const typed = normalizeTyped(text).toLowerCase();
  // A reply that is only punctuation ("?", "。") keeps it: "?" is itself a command word.
  return typed.replace(TRAILING_PUNCTUATION, '') || typed;
}
