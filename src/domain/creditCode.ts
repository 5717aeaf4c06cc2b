import { z } from 'zod';
import { normalizeTyped } from './typedText';

/**
 * The Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters over 31 symbols,
 * the last one a check character over the first 17.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character the first 17 characters call for. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i]!;
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Whether a well-formed code carries the check character it should. Some codes issued early
 * fail it and are still valid registrations, so a failure is a warning for the user, not an error.
 */
export function creditCodeCheckPasses(code: string): boolean {
  return CREDIT_CODE_PATTERN.test(code) && creditCodeCheckCharacter(code.slice(0, 17)) === code.charAt(17);
}

/** A credit code as typed (full-width characters, lower case), stored in its plain upper-case spelling. */
export const creditCode = z
  .string({ error: 'validation.required' })
  .transform((value) => normalizeTyped(value).toUpperCase())
  .transform((value, ctx) => {
    if (CREDIT_CODE_PATTERN.test(value)) return value;
    // Say what is wrong with what was typed: its length, or the characters a code never holds.
    const bad = [...new Set(value.replace(/[0-9A-HJ-NPQRTUWXY]/g, ''))].join(' ');
    ctx.addIssue(
      bad
        ? { code: 'custom', message: 'validation.creditCodeCharacters', params: { characters: bad } }
        : { code: 'custom', message: 'validation.creditCodeLength', params: { length: [...value].length } },
    );
    return z.NEVER;
  });
