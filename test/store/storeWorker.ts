/**
 * A second process for the store tests, run as `node --import tsx storeWorker.ts <mode> <options JSON> …`.
 *   rmw <options> <publisherId> <tag> <count>  waits for "go" on stdin, adds offers <tag>-0…, prints "done"
 *   crash <options> <publisherId> <tag>        writes forever, printing "ack <i>" after each write resolved;
 *                                              each write also swaps an AAD account, so the look-up index changes too
 */
import { createInterface } from 'node:readline';
import type { AadAccount } from '../../src/domain/publisher';
import { openStore, type OpenStoreOptions } from '../../src/store/openStore';
import { demoOffer } from './demoPublisher';
import { addOfferWithRetry } from './storeWorkload';

async function main(): Promise<void> {
  const [mode, optionsJson, publisherId, tag, count] = process.argv.slice(2);
  if (optionsJson === undefined || publisherId === undefined) throw new Error('usage: storeWorker <mode> <options JSON> <publisherId> …');
  const store = await openStore(JSON.parse(optionsJson) as OpenStoreOptions);
  if (mode === 'rmw') {
    process.stdout.write('ready\n');
    await waitForLine('go');
    let attempts = 0;
    for (let i = 0; i < Number(count); i += 1) attempts += await addOfferWithRetry(store.publishers, publisherId, `${tag}-${i}`);
    process.stdout.write(`done ${attempts}\n`);
  } else if (mode === 'crash') {
    for (let i = 0; ; i += 1) {
      // With an expiry, so each write also adds (and the next removes) an expiry marker.
      await store.kv.put(`crash:${tag}:${i}`, { i, note: 'x'.repeat(2_000) }, { ttlMs: 3_600_000 });
      const current = await store.publishers.get(publisherId);
      if (current === undefined) throw new Error('publisher missing');
      const offers = [...current.publisher.offers.slice(-300), demoOffer(`${tag}-${i}`)];
      // The newest two crash accounts stay listed: every write adds one index key pair and removes one.
      const kept = current.publisher.aadAccounts.filter((account) => !account.upn.startsWith('crash-') || account.upn.startsWith(`crash-${tag}-${i - 1}@`));
      const aadAccounts = [...kept, crashAccount(tag ?? '', i)];
      await store.publishers.put({ ...current.publisher, offers, aadAccounts }, current.version);
      await store.audit.append({ at: new Date().toISOString(), actor: 'operator', publisherId, action: 'crash.test', fields: [`offers[${tag}-${i}]`] });
      process.stdout.write(`ack ${i}\n`);
    }
  }
  await store.close();
}

/** The AAD account the crash writer adds with its write number `i`. */
export function crashAccount(tag: string, i: number): AadAccount {
  return { objectId: `crash-${tag}-${i}`, upn: `crash-${tag}-${i}@example.com`, displayName: `Crash ${i}`, role: 'member' };
}

function waitForLine(expected: string): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  return new Promise((resolve) => {
    lines.on('line', (line) => {
      if (line.trim() !== expected) return;
      lines.close();
      resolve();
    });
  });
}

// `npx mocha test/store` loads every .ts file here as a spec: run only when started as a program.
if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
