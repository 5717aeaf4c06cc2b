/**
 * Read-modify-write loops shared by the in-process and the multi-process concurrency tests.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError, type PublisherRepository } from '../../src/store/types';
import { demoOffer } from './demoPublisher';

/** Adds an offer by read-modify-write, retrying on `ConflictError`; returns the attempts it took. */
export async function addOfferWithRetry(publishers: PublisherRepository, publisherId: string, offerId: string): Promise<number> {
  for (let attempt = 1; attempt <= 500; attempt += 1) {
    const current = await publishers.get(publisherId);
    if (current === undefined) throw new Error(`publisher ${publisherId} is missing`);
    const next = { ...current.publisher, offers: [...current.publisher.offers, demoOffer(offerId)] };
    try {
      await publishers.put(next, current.version);
      return attempt;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await sleep(Math.random() * 5 * Math.min(attempt, 10)); // spread the retries out
    }
  }
  throw new Error(`gave up adding ${offerId} after 500 conflicts`);
}
