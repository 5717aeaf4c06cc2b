/**
 * Everything the store holds about each publisher — what an export is made of (the record with its
 * version, its WeChat bindings, its audit trail) — as one string, to compare before and after a run.
 * Read straight from the store: an export itself would add an audit entry.
 */
import { WechatBindings } from '../../src/service/wechatBindings';
import type { StoreEngine } from '../../src/store/types';

export async function publisherSnapshot(store: StoreEngine, auditSalt: string): Promise<string> {
  const bindings = new WechatBindings(store.kv, store.audit, auditSalt);
  const ids = (await store.publishers.listIds()).sort();
  const publishers = [];
  for (const id of ids) {
    publishers.push({ id, stored: await store.publishers.get(id), wechatBindings: await bindings.forPublisher(id), auditTrail: await store.audit.list(id) });
  }
  return JSON.stringify(publishers, null, 1);
}
