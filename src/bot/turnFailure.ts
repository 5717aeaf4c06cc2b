/**
 * What a user is told when a turn fails: a store outage gets its own "try again shortly" (it is
 * not a bug, and the same request will work once the store answers); anything else the apology.
 * Both carry a correlation id that support can find in the log.
 */
import type { Translate } from '../i18n';
import { isStoreUnavailable } from '../store/types';

export interface TurnFailure {
  /** Stable, for logs and metrics: `E-STORE-UNAVAILABLE` or `E-INTERNAL`. */
  code: 'E-STORE-UNAVAILABLE' | 'E-INTERNAL';
  /** Whether the store can be used to clean up (it cannot while it is unavailable: don't wait on it). */
  storeUsable: boolean;
  text: string;
}

export function describeTurnFailure(error: unknown, t: Translate, correlationId: string): TurnFailure {
  if (isStoreUnavailable(error)) {
    return { code: 'E-STORE-UNAVAILABLE', storeUsable: false, text: t('common.storeUnavailable', { correlationId }) };
  }
  return { code: 'E-INTERNAL', storeUsable: true, text: t('common.apology', { correlationId }) };
}
