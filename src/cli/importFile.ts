/** Validating an import file as a whole: `{ "publishers": [ … ] }`, every error with its JSON path. */
import { z } from 'zod';
import { publisherSchema, type Publisher } from '../domain/publisher';
import { toFieldErrors, type FieldError } from '../domain/validation';

const importFileSchema = z
  .strictObject({ publishers: z.array(publisherSchema, { error: 'validation.invalid' }) })
  // Runs even when records are invalid, so a duplicate id is listed with every other error.
  .check(
    z.superRefine(
      (file, ctx) => {
        const seen = new Set<unknown>();
        const publishers: unknown[] = Array.isArray(file.publishers) ? file.publishers : [];
        publishers.forEach((publisher, index) => {
          const id = typeof publisher === 'object' && publisher !== null ? (publisher as { id?: unknown }).id : undefined;
          if (typeof id !== 'string') return;
          if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['publishers', index, 'id'], message: 'validation.duplicate' });
          seen.add(id);
        });
      },
      { when: () => true },
    ),
  );

export type ImportResult = { ok: true; publishers: Publisher[] } | { ok: false; errors: FieldError[] };

/** Decodes, parses and validates the file's bytes; nothing is written by this function. */
export function parseImportFile(bytes: Uint8Array): ImportResult {
  let text: string;
  try {
    // fatal: a GBK ("ANSI") file must be refused, not imported as replacement characters.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, errors: [{ path: '', messageKey: 'cli.notUtf8' }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: [{ path: '', messageKey: 'cli.notJson' }] };
  }
  const result = importFileSchema.safeParse(json);
  return result.success ? { ok: true, publishers: result.data.publishers } : { ok: false, errors: toFieldErrors(result.error) };
}
