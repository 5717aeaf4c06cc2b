/**
 * Versions as fine as the data they protect. A card carries the version of the part it shows (the
 * contact info, one offer, one record, the account list), so a change to another part leaves it
 * current; its form also carries a stamp per field, so a stale submit can say which fields changed.
 * Both are content hashes: the card that carries them already shows the values themselves.
 */
import { createHash } from 'node:crypto';
import type { Contact, Offer, Publisher, RequestRecord } from './publisher';

export type Part =
  | { kind: 'contactInfo' }
  /** One contact, by its position: contacts have no id, and only a removal shifts positions. */
  | { kind: 'contact'; index: number }
  | { kind: 'aadAccounts' }
  | { kind: 'offer'; offerId: string }
  | { kind: 'record'; recordId: string };

/** The version of a part of the publisher; a part that does not exist (a deleted offer) has one too. */
export function partVersion(publisher: Publisher, part: Part): string {
  switch (part.kind) {
    case 'contactInfo':
      return contactInfoVersion(publisher);
    case 'contact':
      return contactVersion(publisher.contacts[part.index]);
    case 'aadAccounts':
      return aadAccountsVersion(publisher);
    case 'offer':
      return offerVersion(publisher.offers.find((offer) => offer.id === part.offerId));
    case 'record':
      return recordVersion(publisher.requestRecords.find((record) => record.id === part.recordId));
  }
}

export function contactInfoVersion(publisher: Publisher): string {
  return contentVersion([publisher.companyName, publisher.creditCode ?? null, publisher.contacts]);
}

/** The version of one contact; a contact that does not exist (removed) has one too. */
export function contactVersion(contact: Contact | undefined): string {
  return contentVersion(contact ?? null);
}

export function aadAccountsVersion(publisher: Publisher): string {
  return contentVersion(publisher.aadAccounts);
}

export function offerVersion(offer: Offer | undefined): string {
  return contentVersion(offer ?? null);
}

export function recordVersion(record: RequestRecord | undefined): string {
  return contentVersion(record ?? null);
}

function contentVersion(content: unknown): string {
  return digest(JSON.stringify(content), 16);
}

/** Prefix of the action-data keys that carry a form field's stamp: `was.contact.0.phone`. */
const STAMP_PREFIX = 'was.';

/** One stamp per form field, from the values the form was built with. */
export function fieldStamps(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [`${STAMP_PREFIX}${name}`, digest(value, 8)]));
}

/**
 * The fields whose current value differs from the one the form was built with, by the stamps the
 * submit carried back. A field without a stamp (a forged or older card) counts as changed when it
 * has a value now: it is shown, never silently overwritten.
 */
export function fieldsChangedSince(submitted: Record<string, unknown>, current: Record<string, string>): string[] {
  return Object.entries(current)
    .filter(([name, value]) => {
      const stamp = submitted[`${STAMP_PREFIX}${name}`];
      return typeof stamp === 'string' ? stamp !== digest(value, 8) : value !== '';
    })
    .map(([name]) => name);
}

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, length);
}
