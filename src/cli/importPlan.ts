/**
 * What importing a publisher over the stored one would take away. An import replaces the publisher
 * whole, so anything stored but missing from the file is an erasure: the operator sees it first and
 * it gets a receipt like a deletion in the bot. Pure: stored and incoming in, the plan out.
 */
import type { AadAccount, Contact, Offer, Publisher, RequestRecord } from '../domain/publisher';
import { creditCodeCheckPasses } from '../domain/creditCode';
import type { ErasureReceipt } from '../service/receipts';
import type { AuditEntry } from '../store/types';

export interface ImportRemovals {
  contacts: Contact[];
  aadAccounts: AadAccount[];
  offers: Offer[];
  requestRecords: RequestRecord[];
}

/** Items of `stored` that `incoming` no longer holds; each kind matched the way the bot names it. */
export function removalsOf(stored: Publisher, incoming: Publisher): ImportRemovals {
  const upns = new Set(incoming.aadAccounts.map((account) => account.upn.toLowerCase()));
  const offerIds = new Set(incoming.offers.map((offer) => offer.id));
  const recordIds = new Set(incoming.requestRecords.map((record) => record.id));
  // Contacts have no id: as in the contact form, a contact whose name is gone was removed; each
  // incoming name accounts for one stored contact, so two of the same name are counted apart.
  const names = incoming.contacts.map((contact) => contact.name);
  const contacts = stored.contacts.filter((contact) => {
    const at = names.indexOf(contact.name);
    if (at >= 0) names.splice(at, 1);
    return at < 0;
  });
  return {
    contacts,
    aadAccounts: stored.aadAccounts.filter((account) => !upns.has(account.upn.toLowerCase())),
    offers: stored.offers.filter((offer) => !offerIds.has(offer.id)),
    requestRecords: stored.requestRecords.filter((record) => !recordIds.has(record.id)),
  };
}

/** The receipt lines of the removals; empty when nothing would go. */
export function erasedCategories(removals: ImportRemovals): ErasureReceipt['erased'] {
  const erased: ErasureReceipt['erased'] = [
    { category: 'contact', count: removals.contacts.length },
    { category: 'aadAccount', count: removals.aadAccounts.length },
    { category: 'offer', count: removals.offers.length },
    // An offer's customer-service information goes with it.
    { category: 'customerService', count: removals.offers.length },
    { category: 'requestRecord', count: removals.requestRecords.length },
  ];
  return erased.filter((line) => line.count > 0);
}

/**
 * Ids of request records the audit trail says were erased (deleted by a user, or purged): an old
 * file must not bring them back, since an erasure has to survive the restore of a backup.
 */
export function erasedRecordIds(entries: AuditEntry[]): Set<string> {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (!entry.erased?.some((line) => line.category === 'requestRecord')) continue;
    for (const field of entry.fields) {
      const match = /^requestRecords\[(.+)\]$/.exec(field);
      if (match) ids.add(match[1]!);
    }
  }
  return ids;
}

/** Positions (in the file) of the publishers whose credit code fails its check character. */
export function creditCodeWarnings(publishers: Publisher[]): number[] {
  return publishers.flatMap((publisher, index) => (publisher.creditCode && !creditCodeCheckPasses(publisher.creditCode) ? [index] : []));
}
