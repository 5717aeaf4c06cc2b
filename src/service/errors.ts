/** Errors the privacy service raises, each with a stable code and a locale key for people. */
import type { FieldError } from '../domain/validation';

export type PrivacyErrorCode =
  | 'E-FORBIDDEN'
  | 'E-ADMIN-ONLY'
  | 'E-NOT-FOUND'
  | 'E-STALE'
  | 'E-VALIDATION'
  | 'E-LAST-ADMIN'
  /** Demoting the only admin to member. */
  | 'E-LAST-ADMIN-ROLE'
  | 'E-DUPLICATE'
  /** Removing the only contact: a publisher keeps at least one. */
  | 'E-LAST-CONTACT';

export class PrivacyError extends Error {
  constructor(
    readonly code: PrivacyErrorCode,
    /** Field errors, for E-VALIDATION. */
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(code);
  }

  /** The locale key of the message shown to the user. */
  get messageKey(): string {
    return `errors.${this.code}`;
  }
}

export function isPrivacyError(error: unknown, code?: PrivacyErrorCode): error is PrivacyError {
  return error instanceof PrivacyError && (code === undefined || error.code === code);
}
