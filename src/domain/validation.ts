/** Turning zod issues into field errors that name the field's path and a locale key. */
import type { z } from 'zod';

export interface FieldError {
  /** JSON path of the field, e.g. `publishers[0].contacts[1].phone`. */
  path: string;
  /** i18n key of the message, e.g. `validation.phone`. */
  messageKey: string;
  /** Values the message names, e.g. how many digits were typed. */
  params?: Record<string, string | number>;
}

export function toFieldErrors(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath([...path, key]), messageKey: 'validation.unknownField' }));
    }
    const messageKey = issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
    const params = issue.code === 'custom' ? (issue.params as FieldError['params']) : undefined;
    return [{ path: formatPath(path), messageKey, ...(params ? { params } : {}) }];
  });
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
