/** Validating an import file as a whole: `{ "publishers": [ … ] }`, every error with its JSON path. */
import { z } from 'zod';
import { publisherSchema, type Publisher } from '../domain/publisher';
import { toFieldErrors, type FieldError } from '../domain/validation';

const importFileSchema = z
  .strictObject({ publishers: z.array(publisherSchema, { error: 'validation.invalid' }) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.publishers.forEach((publisher, index) => {
      if (seen.has(publisher.id)) ctx.addIssue({ code: 'custom', path: ['publishers', index, 'id'], message: 'validation.duplicate' });
      seen.add(publisher.id);
    });
  });

export type ImportResult = { ok: true; publishers: Publisher[] } | { ok: false; errors: FieldError[] };

/** Parses and validates the file's text; nothing is written by this function. */
export function parseImportFile(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: [{ path: '', messageKey: 'cli.notJson' }] };
  }
  const result = importFileSchema.safeParse(json);
  return result.success ? { ok: true, publishers: result.data.publishers } : { ok: false, errors: toFieldErrors(result.error) };
}
