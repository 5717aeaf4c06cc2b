/**
 * Ties a WeChat openid to a publisher, only through a one-time code that an authorized Teams user
 * asked for. Bindings are personal data: they are exported, audited and erased like the rest.
 * Every key names the openid by a salted hash, never by value.
 */
import { createHmac, randomInt } from 'node:crypto';
import type { AadAccount, Publisher } from '../domain/publisher';
import { hashActor } from '../audit/actorHash';
import type { AuditLog, KeyValueStore } from '../store/types';
import type { Actor } from './access';
import { recordErasure, type ErasureReceipt } from './receipts';
import { sweepResidue } from './residue';

export interface WechatBinding {
  openid: string;
  publisherId: string;
  /** The hashed actor id of the Teams user who issued the code: the binding lasts while they are on the list. */
  issuedBy: string;
  boundAt: string;
}

interface IssuedCode {
  publisherId: string;
  issuedBy: string;
}

export type BindOutcome = { kind: 'bound'; binding: WechatBinding } | { kind: 'invalid'; attemptsLeft: number } | { kind: 'locked' };

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 60 * 60_000;

export class WechatBindings {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly audit: AuditLog,
    private readonly salt: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A fresh 6-digit code, valid 10 minutes and once, for the actor's publisher. */
  async issueCode(actor: Actor): Promise<{ code: string; expiresAt: Date }> {
    const issued: IssuedCode = { publisherId: actor.publisherId, issuedBy: actor.actorId };
    for (;;) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      if (await this.kv.put(codeKey(code), issued, { ifAbsent: true, ttlMs: CODE_TTL_MS })) {
        await this.audit.append({ at: this.now().toISOString(), actor: actor.actorId, publisherId: actor.publisherId, action: 'wechat.code.issue', fields: [] });
        return { code, expiresAt: new Date(this.now().getTime() + CODE_TTL_MS) };
      }
    }
  }

  /** Binds the openid with a code; five wrong codes lock binding for that openid for an hour. */
  async bind(openid: string, code: string): Promise<BindOutcome> {
    const failuresKey = `wechat:bind-failures:${this.hash(openid)}`;
    const failures = Number((await this.kv.get(failuresKey))?.value ?? 0);
    if (failures >= MAX_FAILED_ATTEMPTS) return { kind: 'locked' };

    const stored = /^\d{6}$/.test(code) ? await this.kv.get(codeKey(code)) : undefined;
    // Deleting the code is what claims it: of two simultaneous uses, only one deletes it.
    if (!stored || !isIssuedCode(stored.value) || !(await this.kv.delete(codeKey(code), stored.etag))) {
      const count = await this.kv.increment(failuresKey, LOCKOUT_MS);
      return count >= MAX_FAILED_ATTEMPTS ? { kind: 'locked' } : { kind: 'invalid', attemptsLeft: MAX_FAILED_ATTEMPTS - count };
    }
    const { publisherId, issuedBy } = stored.value;
    const binding: WechatBinding = { openid, publisherId, issuedBy, boundAt: this.now().toISOString() };
    const previous = await this.bindingOf(openid);
    await this.kv.put(this.bindingKey(openid), binding);
    if (previous && previous.publisherId !== publisherId) await this.updateIndex(previous.publisherId, (hashes) => hashes.filter((h) => h !== this.hash(openid)));
    await this.updateIndex(publisherId, (hashes) => [...new Set([...hashes, this.hash(openid)])]);
    await this.kv.delete(failuresKey);
    await this.audit.append({ at: binding.boundAt, actor: this.actorId(openid), publisherId, action: 'wechat.bind', fields: [] });
    return { kind: 'bound', binding };
  }

  /**
   * The AAD account a binding acts through: the one that issued its code. A WeChat user has that
   * account's current role, and no access once it is removed from the publisher.
   */
  issuerOf(binding: WechatBinding, publisher: Publisher): AadAccount | undefined {
    return publisher.aadAccounts.find((account) => account.objectId !== undefined && hashActor(this.salt, 'aad', account.objectId) === binding.issuedBy);
  }

  async bindingOf(openid: string): Promise<WechatBinding | undefined> {
    const stored = await this.kv.get(this.bindingKey(openid));
    return stored && isBinding(stored.value) ? stored.value : undefined;
  }

  /** Removes the bindings an AAD account vouched for (when that account is removed from the publisher). */
  async revokeIssuedBy(publisherId: string, issuedBy: string, actor: string): Promise<void> {
    for (const binding of await this.forPublisher(publisherId)) {
      if (binding.issuedBy === issuedBy) await this.unbind(binding.openid, actor);
    }
  }

  /** Removes the openid's binding; returns the erasure receipt, or undefined when there was none. */
  async unbind(openid: string, actor: string = this.actorId(openid)): Promise<ErasureReceipt | undefined> {
    const binding = await this.bindingOf(openid);
    if (!binding) return undefined;
    await this.kv.delete(this.bindingKey(openid));
    await this.updateIndex(binding.publisherId, (hashes) => hashes.filter((h) => h !== this.hash(openid)));
    // An answer WeChat was given (an export, say) may have shown the openid.
    await sweepResidue(this.kv, [openid]);
    return recordErasure(
      this.audit,
      { actor, publisherId: binding.publisherId, action: 'wechat.unbind', fields: ['wechatBindings'], erased: [{ category: 'wechatBinding', count: 1 }] },
      this.now(),
    );
  }

  /** Removes every binding and unused code of the publisher (when it is erased); returns the openids. */
  async removeAllFor(publisherId: string): Promise<string[]> {
    const bindings = await this.forPublisher(publisherId);
    for (const binding of bindings) await this.kv.delete(this.bindingKey(binding.openid));
    await this.kv.delete(indexKey(publisherId));
    for (const key of await this.kv.keys('wechat:code:')) {
      const code = (await this.kv.get(key))?.value;
      if (isIssuedCode(code) && code.publisherId === publisherId) await this.kv.delete(key);
    }
    return bindings.map((binding) => binding.openid);
  }

  /**
   * Removes, with a receipt each, the bindings whose key was made with another salt: after a
   * deliberate AUDIT_SALT change they can no longer be found by openid nor vouched for. Returns how many.
   */
  async removeBindingsOfAnotherSalt(): Promise<number> {
    let removed = 0;
    for (const key of await this.kv.keys('wechat:binding:')) {
      const binding = (await this.kv.get(key))?.value;
      if (!isBinding(binding) || key === this.bindingKey(binding.openid)) continue;
      const staleHash = key.slice('wechat:binding:'.length);
      await this.kv.delete(key);
      await this.updateIndex(binding.publisherId, (hashes) => hashes.filter((h) => h !== staleHash));
      await sweepResidue(this.kv, [binding.openid]);
      await recordErasure(
        this.audit,
        { actor: 'operator', publisherId: binding.publisherId, action: 'wechat.unbind', fields: ['wechatBindings'], erased: [{ category: 'wechatBinding', count: 1 }] },
        this.now(),
      );
      removed++;
    }
    return removed;
  }

  /** Every binding to the publisher (for the export and for erasure). */
  async forPublisher(publisherId: string): Promise<WechatBinding[]> {
    const hashes = await this.indexOf(publisherId);
    const bindings = await Promise.all(hashes.map(async (hash) => (await this.kv.get(`wechat:binding:${hash}`))?.value));
    return bindings.filter(isBinding).filter((binding) => binding.publisherId === publisherId);
  }

  /** The audit actor of a WeChat user. */
  actorId(openid: string): string {
    return hashActor(this.salt, 'wechat', openid);
  }

  private bindingKey(openid: string): string {
    return `wechat:binding:${this.hash(openid)}`;
  }

  private hash(openid: string): string {
    return createHmac('sha256', this.salt).update(`openid:${openid}`).digest('hex').slice(0, 32);
  }

  private async indexOf(publisherId: string): Promise<string[]> {
    const value = (await this.kv.get(indexKey(publisherId)))?.value;
    return Array.isArray(value) ? value.filter((h): h is string => typeof h === 'string') : [];
  }

  // Read-modify-write on the index with its etag, so two bindings at once both stay listed.
  private async updateIndex(publisherId: string, change: (hashes: string[]) => string[]): Promise<void> {
    for (;;) {
      const stored = await this.kv.get(indexKey(publisherId));
      const hashes = Array.isArray(stored?.value) ? stored.value.filter((h): h is string => typeof h === 'string') : [];
      const next = change(hashes);
      const written = next.length === 0 && stored ? await this.kv.delete(indexKey(publisherId), stored.etag) : await this.kv.put(indexKey(publisherId), next, stored ? { ifEtag: stored.etag } : { ifAbsent: true });
      if (written) return;
    }
  }
}

function codeKey(code: string): string {
  return `wechat:code:${code}`;
}

function indexKey(publisherId: string): string {
  return `wechat:publisher-bindings:{${publisherId}}`;
}

function isIssuedCode(value: unknown): value is IssuedCode {
  return typeof value === 'object' && value !== null && typeof (value as IssuedCode).publisherId === 'string' && typeof (value as IssuedCode).issuedBy === 'string';
}

function isBinding(value: unknown): value is WechatBinding {
  const binding = value as WechatBinding;
  return typeof value === 'object' && value !== null && typeof binding.openid === 'string' && typeof binding.publisherId === 'string' && typeof binding.issuedBy === 'string';
}
