/** Turning zod issues into field errors that name the field's path and a locale key. */
import type { z } from 'zod';
import type { FieldSpec } from './fieldSpecs';

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

/** A refusal of one value: the locale key and the values its message names. */
export type Refusal = Pick<FieldError, 'messageKey' | 'params'>;

/**
 * One answer checked with its field's schema, as the service will check it: the value as it will be
 * stored (normalized, '' for "none"), or the first reason it is refused.
 */
export function checkValue(spec: FieldSpec, typed: string): { value: string } | { refusal: Refusal } {
  const result = spec.schema.safeParse(typed);
  if (result.success) return { value: typeof result.data === 'string' ? result.data : '' };
  const [first] = toFieldErrors(result.error);
  return { refusal: { messageKey: first?.messageKey ?? 'validation.invalid', ...(first?.params ? { params: first.params } : {}) } };
}
