/**
 * Ties a WeChat openid to a publisher, only through a one-time code that an authorized Teams user
 * asked for. Bindings are personal data: they are exported, audited and erased like the rest.
 * Every key names the openid by a salted hash, never by value.
 */
import { randomInt } from 'node:crypto';
import type { AadAccount, Publisher } from '../domain/publisher';
import { aadActorId, wechatActorId } from '../audit/actorHash';
import { metrics } from '../metrics/botMetrics';
import type { AuditLog, KeyValueStore } from '../store/types';
import type { Actor } from './access';
import { PrivacyError } from './errors';
import { BINDING_KEYSPACE, KEYSPACE, openidHash, teamsUserHash, type BindingChannel } from './keyspace';
import { recordErasure, type ErasureReceipt } from './receipts';
import { SIGNIN_PREFIXES, sweepPublisherResidue, sweepResidue } from './residue';

export interface WechatBinding {
  /** The WeChat openid (in a `teams` store: the Teams user's aadObjectId in its own tenant). */
  openid: string;
  publisherId: string;
  /** The hashed actor id of the AAD account that vouched (issued the code, or was signed in with): the binding lasts while it is on the list. */
  issuedBy: string;
  boundAt: string;
  /** `signin` when the user proved holding the account by signing in with it; absent for a code. */
  via?: 'signin';
}

/**
 * Which channel's users a store binds. WeChat openids bind by code or by sign-in; Teams users of
 * another tenant link only by sign-in. Each has its own keys, so one id can never pass for the other.
 */
export type { BindingChannel } from './keyspace';

/**
 * Per channel: its namespaces (KEYSPACE, so sweeps and erasure see them), how its ids are hashed,
 * and the names it leaves in the audit trail and receipts — stored, so never renamed.
 */
const CHANNEL_KEYS = {
  wechat: { ...BINDING_KEYSPACE.wechat, hash: openidHash, actor: wechatActorId, field: 'wechatBindings', category: 'wechatBinding', link: 'wechat.link', unlink: 'wechat.unlink' },
  teams: { ...BINDING_KEYSPACE.teams, hash: teamsUserHash, actor: aadActorId, field: 'teamsLinks', category: 'teamsLink', link: 'teams.link', unlink: 'teams.unlink' },
} as const;

type ChannelKeys = (typeof CHANNEL_KEYS)[BindingChannel];

interface IssuedCode {
  publisherId: string;
  issuedBy: string;
  /** The count of wrong guesses (by anyone) when the code was issued; see `bind`. */
  wrongGuessesAtIssue?: number;
}

export type BindOutcome = { kind: 'bound'; binding: WechatBinding } | { kind: 'invalid'; attemptsLeft: number } | { kind: 'locked' };

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 60 * 60_000;
/** A code is void once this many wrong guesses, by anyone, were made while it was outstanding. */
export const MAX_WRONG_GUESSES_PER_CODE = 5;
/** Wrong guesses allowed across all openids per window; past it every bind waits for the next window. */
export const GLOBAL_FAILURE_BUDGET = 30;
export const GLOBAL_WINDOW_MS = CODE_TTL_MS;
/** Outlives every code by far; if it ever expires and restarts, older codes read as void (the safe side). */
const WRONG_GUESS_COUNTER_TTL_MS = 400 * 24 * 60 * 60_000;
const WRONG_GUESS_COUNTER_KEY = KEYSPACE.wechatWrongGuesses;

export class WechatBindings {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly audit: AuditLog,
    private readonly salt: string,
    private readonly now: () => Date = () => new Date(),
    /** The channel whose users this instance binds: WeChat unless `forChannel` made it for another. */
    private readonly keys: ChannelKeys = CHANNEL_KEYS.wechat,
  ) {}

  private other: WechatBindings | undefined;

  /** The bindings of another channel, on the same store and salt (one instance per channel). */
  forChannel(channel: BindingChannel): WechatBindings {
    if (CHANNEL_KEYS[channel] === this.keys) return this;
    if (!this.other) {
      this.other = new WechatBindings(this.kv, this.audit, this.salt, this.now, CHANNEL_KEYS[channel]);
      this.other.other = this;
    }
    return this.other;
  }

  /** A fresh 6-digit code, valid 10 minutes and once, for the actor's publisher; E-FORBIDDEN unless the actor is an AAD user. */
  async issueCode(actor: Actor): Promise<{ code: string; expiresAt: Date }> {
    // Only an AAD account may vouch for a WeChat account, never another WeChat account.
    if (actor.identity.channel !== 'aad') throw new PrivacyError('E-FORBIDDEN');
    const issued: IssuedCode = { publisherId: actor.publisherId, issuedBy: actor.actorId, wrongGuessesAtIssue: await this.wrongGuessesSoFar() };
    for (;;) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      if (await this.kv.put(codeKey(code), issued, { ifAbsent: true, ttlMs: CODE_TTL_MS })) {
        await this.audit.append({ at: this.now().toISOString(), actor: actor.actorId, publisherId: actor.publisherId, action: 'wechat.code.issue', fields: [] });
        return { code, expiresAt: new Date(this.now().getTime() + CODE_TTL_MS) };
      }
    }
  }

  /**
   * Binds the openid with a code. Guessing is limited three ways, because an attacker can make up
   * openids (in plaintext mode anyone holding one signed URL could, before replays were refused):
   * - per openid: five wrong codes lock binding for that openid for an hour;
   * - overall: past GLOBAL_FAILURE_BUDGET wrong guesses in a window, nobody binds until the next
   *   window (refused before the code is even looked up, so a lucky guess then binds nothing);
   * - per code: a wrong guess matches no code, so it cannot be charged to the code it aimed at.
   *   It is charged to every code outstanding at the time instead: one counter of all wrong
   *   guesses ever, and each code remembers its value at issue. Once it has grown by
   *   MAX_WRONG_GUESSES_PER_CODE the code is void. So no code ever faces more than five guesses,
   *   whoever makes them and however many openids they use: with N codes outstanding an attacker
   *   wins with probability at most 5·N / 1,000,000 per batch of codes, and a real user whose
   *   code was voided this way is told the code is invalid and asks for a new one.
   */
  async bind(openid: string, code: string): Promise<BindOutcome> {
    const outcome = await this.attemptBind(openid, code);
    metrics.binding(outcome.kind === 'bound' ? 'bound' : outcome.kind === 'locked' ? 'refused_locked' : 'refused_invalid_code');
    return outcome;
  }

  private async attemptBind(openid: string, code: string): Promise<BindOutcome> {
    const failuresKey = `${KEYSPACE.wechatBindFailures}${this.hash(openid)}`;
    const failures = Number((await this.kv.get(failuresKey))?.value ?? 0);
    if (failures >= MAX_FAILED_ATTEMPTS) return { kind: 'locked' };
    if ((await this.globalFailures()) >= GLOBAL_FAILURE_BUDGET) return { kind: 'locked' };

    const stored = /^\d{6}$/.test(code) ? await this.kv.get(codeKey(code)) : undefined;
    const usable = stored !== undefined && isIssuedCode(stored.value) && !(await this.isVoid(stored.value));
    // Deleting the code is what claims it: of two simultaneous uses, only one deletes it.
    if (!usable || !isIssuedCode(stored.value) || !(await this.kv.delete(codeKey(code), stored.etag))) {
      return this.wrongGuess(failuresKey);
    }
    const { publisherId, issuedBy } = stored.value;
    const binding = await this.store({ openid, publisherId, issuedBy, boundAt: this.now().toISOString() });
    await this.kv.delete(failuresKey);
    await this.audit.append({ at: binding.boundAt, actor: this.actorId(openid), publisherId, action: 'wechat.bind', fields: [] });
    return { kind: 'bound', binding };
  }

  /**
   * Links the user to a publisher through the AAD account they have just signed in with: they act
   * with that account's role for as long as it stays listed, exactly as a code binding does.
   */
  async link(openid: string, publisherId: string, accountObjectId: string): Promise<WechatBinding> {
    const issuedBy = aadActorId(this.salt, accountObjectId);
    const binding = await this.store({ openid, publisherId, issuedBy, boundAt: this.now().toISOString(), via: 'signin' });
    await this.audit.append({ at: binding.boundAt, actor: issuedBy, publisherId, action: this.keys.link, fields: [] });
    return binding;
  }

  private async store(binding: WechatBinding): Promise<WechatBinding> {
    const previous = await this.bindingOf(binding.openid);
    await this.kv.put(this.bindingKey(binding.openid), binding);
    const hash = this.hash(binding.openid);
    if (previous && previous.publisherId !== binding.publisherId) await this.updateIndex(previous.publisherId, (hashes) => hashes.filter((h) => h !== hash));
    await this.updateIndex(binding.publisherId, (hashes) => [...new Set([...hashes, hash])]);
    return binding;
  }

  /**
   * The AAD account a binding acts through: the one that issued its code. A WeChat user has that
   * account's current role, and no access once it is removed from the publisher.
   */
  issuerOf(binding: WechatBinding, publisher: Publisher): AadAccount | undefined {
    return publisher.aadAccounts.find((account) => account.objectId !== undefined && aadActorId(this.salt, account.objectId) === binding.issuedBy);
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
    // A conversation of the publisher's may have shown the openid; a pending sign-in still holds it.
    await sweepPublisherResidue(this.kv, binding.publisherId, [openid]);
    await sweepResidue(this.kv, [openid], SIGNIN_PREFIXES);
    return recordErasure(this.audit, { actor, publisherId: binding.publisherId, ...this.erasureOf(binding) }, this.now());
  }

  // Code bindings keep the `wechat.unbind` action they always had; sign-in links say which channel's link went.
  private erasureOf(binding: WechatBinding): { action: string; fields: string[]; erased: ErasureReceipt['erased'] } {
    return {
      action: binding.via === 'signin' ? this.keys.unlink : 'wechat.unbind',
      fields: [this.keys.field],
      erased: [{ category: this.keys.category, count: 1 }],
    };
  }

  /** Removes every binding and unused code of the publisher (when it is erased); returns the openids. */
  async removeAllFor(publisherId: string): Promise<string[]> {
    const bindings = await this.forPublisher(publisherId);
    for (const binding of bindings) await this.kv.delete(this.bindingKey(binding.openid));
    await this.kv.delete(this.indexKey(publisherId));
    // Codes exist only for WeChat: Teams users link by sign-in alone.
    for (const key of this.keys.code === undefined ? [] : await this.kv.keys(this.keys.code)) {
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
    for (const key of await this.kv.keys(this.keys.binding)) {
      const binding = (await this.kv.get(key))?.value;
      if (!isBinding(binding) || key === this.bindingKey(binding.openid)) continue;
      const staleHash = key.slice(this.keys.binding.length);
      await this.kv.delete(key);
      await this.updateIndex(binding.publisherId, (hashes) => hashes.filter((h) => h !== staleHash));
      await sweepResidue(this.kv, [binding.openid]);
      await recordErasure(this.audit, { actor: 'operator', publisherId: binding.publisherId, ...this.erasureOf(binding) }, this.now());
      removed++;
    }
    return removed;
  }

  /** Every binding to the publisher (for the export and for erasure). */
  async forPublisher(publisherId: string): Promise<WechatBinding[]> {
    const hashes = await this.indexOf(publisherId);
    const bindings = await Promise.all(hashes.map(async (hash) => (await this.kv.get(`${this.keys.binding}${hash}`))?.value));
    return bindings.filter(isBinding).filter((binding) => binding.publisherId === publisherId);
  }

  /** Charges a wrong guess to the openid, to the window's budget and to every outstanding code. */
  private async wrongGuess(failuresKey: string): Promise<BindOutcome> {
    await this.kv.increment(WRONG_GUESS_COUNTER_KEY, WRONG_GUESS_COUNTER_TTL_MS);
    await this.kv.increment(this.globalFailuresKey(), 2 * GLOBAL_WINDOW_MS);
    const count = await this.kv.increment(failuresKey, LOCKOUT_MS);
    return count >= MAX_FAILED_ATTEMPTS ? { kind: 'locked' } : { kind: 'invalid', attemptsLeft: MAX_FAILED_ATTEMPTS - count };
  }

  private async isVoid(code: IssuedCode): Promise<boolean> {
    const seen = (await this.wrongGuessesSoFar()) - (code.wrongGuessesAtIssue ?? 0);
    return seen < 0 || seen >= MAX_WRONG_GUESSES_PER_CODE;
  }

  private async wrongGuessesSoFar(): Promise<number> {
    return Number((await this.kv.get(WRONG_GUESS_COUNTER_KEY))?.value ?? 0);
  }

  private async globalFailures(): Promise<number> {
    return Number((await this.kv.get(this.globalFailuresKey()))?.value ?? 0);
  }

  // A fixed window named by the clock (not a key expiry), so the budget follows `now`.
  private globalFailuresKey(): string {
    return `${KEYSPACE.wechatBindFailuresGlobal}${Math.floor(this.now().getTime() / GLOBAL_WINDOW_MS)}`;
  }

  /** The audit actor of a WeChat user (of a Teams user: their AAD identity). */
  actorId(openid: string): string {
    return this.keys.actor(this.salt, openid);
  }

  private bindingKey(openid: string): string {
    return `${this.keys.binding}${this.hash(openid)}`;
  }

  private hash(openid: string): string {
    return this.keys.hash(this.salt, openid);
  }

  private indexKey(publisherId: string): string {
    return `${this.keys.index}{${publisherId}}`;
  }

  private async indexOf(publisherId: string): Promise<string[]> {
    const value = (await this.kv.get(this.indexKey(publisherId)))?.value;
    return Array.isArray(value) ? value.filter((h): h is string => typeof h === 'string') : [];
  }

  // Read-modify-write on the index with its etag, so two bindings at once both stay listed.
  private async updateIndex(publisherId: string, change: (hashes: string[]) => string[]): Promise<void> {
    for (;;) {
      const stored = await this.kv.get(this.indexKey(publisherId));
      const hashes = Array.isArray(stored?.value) ? stored.value.filter((h): h is string => typeof h === 'string') : [];
      const next = change(hashes);
      const written = next.length === 0 && stored ? await this.kv.delete(this.indexKey(publisherId), stored.etag) : await this.kv.put(this.indexKey(publisherId), next, stored ? { ifEtag: stored.etag } : { ifAbsent: true });
      if (written) return;
    }
  }
}

function codeKey(code: string): string {
  return `${KEYSPACE.wechatCode}${code}`;
}

function isIssuedCode(value: unknown): value is IssuedCode {
  return typeof value === 'object' && value !== null && typeof (value as IssuedCode).publisherId === 'string' && typeof (value as IssuedCode).issuedBy === 'string';
}

function isBinding(value: unknown): value is WechatBinding {
  const binding = value as WechatBinding;
  return typeof value === 'object' && value !== null && typeof binding.openid === 'string' && typeof binding.publisherId === 'string' && typeof binding.issuedBy === 'string';
}
