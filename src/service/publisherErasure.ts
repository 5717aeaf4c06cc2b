/**
 * Erasing everything about a publisher (the operator's `npm run erase`): the publisher, its WeChat
 * bindings, its Teams sign-in links and every copy in state or caches. What remains is the PII-free audit trail and the receipt.
 */
import type { StoreEngine } from '../store/types';
import { recordErasure, type ErasureReceipt } from './receipts';
import { leafStrings, sweepResidue } from './residue';
import { ResidueRegistry } from './residueRegistry';
import type { WechatBindings } from './wechatBindings';

/** Erases the publisher; returns the receipt, or undefined when there is no such publisher. */
export async function erasePublisher(store: StoreEngine, bindings: WechatBindings, publisherId: string, actor: string): Promise<ErasureReceipt | undefined> {
  const stored = await store.publishers.get(publisherId);
  if (!stored) return undefined;
  const { publisher } = stored;
  const openids = await bindings.removeAllFor(publisherId);
  const teamsUsers = await bindings.forChannel('teams').removeAllFor(publisherId);
  await store.publishers.delete(publisherId, 'any');
  // The operator's erasure reads every entry, not only those registered for the publisher: it also
  // catches copies written before the registry existed.
  await sweepResidue(store.kv, [...leafStrings(publisher), ...openids, ...teamsUsers]);
  await new ResidueRegistry(store.kv).forget(publisherId);
  return recordErasure(store.audit, {
    actor,
    publisherId,
    action: 'publisher.erase',
    fields: [],
    erased: [
      { category: 'publisher', count: 1 },
      { category: 'contact', count: publisher.contacts.length },
      { category: 'aadAccount', count: publisher.aadAccounts.length },
      { category: 'offer', count: publisher.offers.length },
      { category: 'customerService', count: publisher.offers.length },
      { category: 'requestRecord', count: publisher.requestRecords.length },
      { category: 'wechatBinding', count: openids.length },
      // Listed only when there were any, so receipts of publishers without sign-in stay as they were.
      ...(teamsUsers.length > 0 ? [{ category: 'teamsLink' as const, count: teamsUsers.length }] : []),
    ],
  });
}
