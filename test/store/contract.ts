/**
 * The store contract: one suite every engine must pass unchanged. An engine's test file supplies a
 * fixture (how to get a fresh, empty namespace) and calls `describeStoreContract`.
 */
import { openStore, type OpenStoreOptions } from '../../src/store/openStore';
import type { StoreEngine } from '../../src/store/types';
import { auditContract } from './contractAudit';
import { botStorageContract } from './contractBotStorage';
import { concurrencyContract } from './contractConcurrency';
import { keyValueContract } from './contractKeyValue';
import { publisherContract } from './contractPublishers';

export interface StoreFixture {
  /** Runs in `before`: may skip the suite (`ctx.skip()`) when the engine is unavailable. */
  setUp(ctx: Mocha.Context): Promise<void>;
  /** Options that open a fresh, empty namespace (a new directory, a new key prefix). */
  freshOptions(): OpenStoreOptions;
  /** Runs in `after`: removes everything the suite stored. */
  tearDown(): Promise<void>;
}

/** What each part of the contract gets: the engine under test and a way to open more on its data. */
export interface ContractContext {
  store(): StoreEngine;
  options(): OpenStoreOptions;
  /** Another engine instance on the same namespace, as a second bot instance would open (closed after the test). */
  openAnother(): Promise<StoreEngine>;
}

/** Registers the whole contract suite for one engine. */
export function describeStoreContract(name: string, fixture: StoreFixture): void {
  describe(`store contract: ${name}`, function () {
    let current: { store: StoreEngine; options: OpenStoreOptions } | undefined;
    const extras: StoreEngine[] = [];
    const context: ContractContext = {
      store: () => required(current).store,
      options: () => required(current).options,
      openAnother: async () => {
        const another = await openStore(required(current).options);
        extras.push(another);
        return another;
      },
    };

    before(async function () {
      await fixture.setUp(this);
    });
    beforeEach(async () => {
      const options = fixture.freshOptions();
      current = { store: await openStore(options), options };
    });
    afterEach(async () => {
      await Promise.all(extras.splice(0).map((store) => store.close()));
      await current?.store.close();
      current = undefined;
    });
    after(async () => {
      await fixture.tearDown();
    });

    publisherContract(context);
    auditContract(context);
    keyValueContract(context);
    concurrencyContract(context);
    botStorageContract(context);
  });
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the store is opened in beforeEach');
  return value;
}

/** Polls `check` until it returns true (expiry is asserted by waiting, never by timing). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
