/**
 * The one place where authorization, validation and audit happen, for every channel. Dialogs ask it
 * for data and decisions; it never sees a TurnContext.
 */
import { ExportLinks } from './exportLinks';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { aadActorId, actorKindOf, wechatActorId } from '../audit/actorHash';
import { changedPaths } from '../domain/diff';
import {
  aadAccountSchema,
  aadRoleChangeSchema,
  contactInfoSchema,
  customerServiceSchema,
  publisherSchema,
  type AadAccount,
  type ContactInfo,
  type Publisher,
} from '../domain/publisher';
import { creditCodeCheckPasses } from '../domain/creditCode';
import { looksLikeNumber } from '../domain/contactFields';
import { contactVersion, partVersion, type Part } from '../domain/partVersions';
import { toFieldErrors } from '../domain/validation';
import { ConflictError, type AuditEntry, type PublisherRepository, type StoreEngine, type VersionedPublisher } from '../store/types';
import { ownAccount, type Actor, type Identity } from './access';
import { PrivacyError } from './errors';
import { blankContactErrors, editedContacts } from './contactRules';
import { recordErasure, type ErasureReceipt } from './receipts';
import { leafStrings, sweepPublisherResidue } from './residue';
import { WechatBindings, type WechatBinding } from './wechatBindings';

export interface ChangeResult {
  /** The store's version of the whole publisher after the change. */
  version: number;
  /** Paths of the fields that changed, e.g. `contacts[0].phone`; empty when nothing did. */
  changedFields: string[];
  /** The same change had already been applied (a repeated submit): nothing was written. */
  alreadyApplied: boolean;
  /** Locale keys of warnings about accepted values, e.g. a credit code failing its check character. */
  warnings: string[];
  receipt?: ErasureReceipt;
}

/** Who did something in the audit trail, as far as it can be told without keeping names of former members. */
/** A WeChat user is told apart by the account that vouched for its binding (while listed) and the binding's date; neither once unbound. */
export type ActorLabel = { kind: 'member'; name: string } | { kind: 'operator' } | { kind: 'wechatUser'; vouchedBy?: string; boundAt?: string } | { kind: 'formerMember' };

/** How many items of each category an export holds. */
export interface ExportCounts {
  contacts: number;
  aadAccounts: number;
  offers: number;
  requestRecords: number;
  wechatBindings: number;
  teamsLinks: number;
  auditEntries: number;
}

export interface PrivacyExport {
  format: 'publisher-privacy-export/1';
  exportedAt: string;
  publisher: Publisher;
  wechatBindings: WechatBinding[];
  /** Teams users of other tenants linked by signing in (`openid` holds their aadObjectId). */
  teamsLinks: WechatBinding[];
  auditTrail: AuditEntry[];
}

/** How often a change is recomputed after losing a compare-and-set to another writer. */
const MAX_WRITE_ATTEMPTS = 8;

type Change =
  /** `superseded`: values the change replaced and the publisher no longer holds, swept from state like erased ones. */
  | { kind: 'update'; publisher: Publisher; action: string; warnings?: string[]; superseded?: string[] }
  | { kind: 'erase'; publisher: Publisher; action: string; fields: string[]; erased: ErasureReceipt['erased']; erasedValues: string[]; warnings?: string[] };

export class PrivacyService {
  /** The one holder of WeChat bindings: the service and the bot's edge share it. */
  readonly bindings: WechatBindings;
  /** Teams users of other tenants linked by sign-in: the same holder's `teams` side. */
  readonly teamsLinks: WechatBindings;
  private readonly exportLinks: ExportLinks;

  constructor(
    private readonly store: StoreEngine,
    private readonly auditSalt: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.bindings = new WechatBindings(store.kv, store.audit, auditSalt, now);
    this.teamsLinks = this.bindings.forChannel('teams');
    this.exportLinks = new ExportLinks(store.kv, now);
  }

  /** The same service for one bot turn: a publisher read in it is read from the store once (turnReads.ts). */
  forTurn(): PrivacyService {
    const { store } = this;
    const turnStore: StoreEngine = { name: store.name, publishers: store.publishers.forTurn(), audit: store.audit, kv: store.kv, ping: () => store.ping(), close: () => store.close() };
    return new PrivacyService(turnStore, this.auditSalt, this.now);
  }

  /** The repository this service reads publishers through (the turn's, for a turn's service). */
  get publishers(): PublisherRepository {
    return this.store.publishers;
  }

  /**
   * Who a WeChat user acts as: the bound publisher, with the current role of the AAD account that
   * vouched for the binding. Once that account is gone, so is the binding.
   */
  async wechatIdentity(openid: string): Promise<Identity | undefined> {
    const binding = await this.bindings.bindingOf(openid);
    if (!binding) return undefined;
    const publisher = (await this.store.publishers.get(binding.publisherId))?.publisher;
    const issuer = publisher && this.bindings.issuerOf(binding, publisher);
    if (!issuer) {
      await this.bindings.unbind(openid);
      return undefined;
    }
    return { channel: 'linkedWechat', openid, publisherId: binding.publisherId, role: issuer.role };
  }

  /** The company name of a publisher, to tell a user who just linked a WeChat account what it is linked to. */
  async companyNameOf(publisherId: string): Promise<string | undefined> {
    return (await this.store.publishers.get(publisherId))?.publisher.companyName;
  }

  /**
   * The caller's own entry on the account list: an AAD caller's account, or for a linked WeChat
   * user the account that vouched for the binding (whose role it has, and without which it has no access).
   */
  async ownAccountOf(actor: Actor, publisher: Publisher): Promise<AadAccount | undefined> {
    const { identity } = actor;
    if (identity.channel === 'aad') return ownAccount(publisher, identity);
    if (identity.channel !== 'linkedWechat') return undefined;
    const binding = await this.bindings.bindingOf(identity.openid);
    return binding && binding.publisherId === actor.publisherId ? this.bindings.issuerOf(binding, publisher) : undefined;
  }

  /** The publisher as stored, for an authorized actor. */
  async view(actor: Actor): Promise<VersionedPublisher> {
    return this.load(actor);
  }

  /**
   * Corrects and adds contacts (each row is the contact at its position) and the company details.
   * It never removes a contact: a contact submitted blank is refused, one not submitted stays. A
   * correction is an update without a receipt, but the values it replaced are swept from state.
   */
  async updateContactInfo(actor: Actor, input: unknown, expectedVersion: string): Promise<ChangeResult> {
    const blank = blankContactErrors(input);
    if (blank.length) throw new PrivacyError('E-VALIDATION', blank);
    const info: ContactInfo = parse(contactInfoSchema, input);
    const warnings = [
      ...(info.creditCode && !creditCodeCheckPasses(info.creditCode) ? ['warnings.creditCodeCheck'] : []),
      ...nameWarnings(info.contacts.map((contact) => contact.name)),
    ];
    return this.apply(actor, { kind: 'contactInfo' }, expectedVersion, (current) => {
      const contacts = editedContacts(current.contacts, info.contacts);
      const publisher = { ...current, companyName: info.companyName, creditCode: info.creditCode, contacts };
      return { kind: 'update', action: 'contactInfo.update', publisher, warnings, superseded: supersededValues(current.contacts, publisher) };
    });
  }

  /**
   * Removes the contact at `index`, confirmed on the version of that contact (`expectedVersion`). A
   * removal is an erasure: receipt, audit entry and residue sweep. Never the last contact.
   */
  async removeContact(actor: Actor, index: number, expectedVersion: string): Promise<ChangeResult> {
    // Only a removal shifts positions: the confirmed contact is found where it is now, if unchanged.
    const { contacts } = (await this.load(actor)).publisher;
    const at = contactVersion(contacts[index]) === expectedVersion ? index : contacts.findIndex((c) => contactVersion(c) === expectedVersion);
    const position = at >= 0 ? at : index;
    return this.apply(actor, { kind: 'contact', index: position }, expectedVersion, (current) => {
      const contact = current.contacts[position];
      if (!contact) return undefined;
      if (current.contacts.length === 1) throw new PrivacyError('E-LAST-CONTACT');
      const rest = current.contacts.filter((_, i) => i !== position);
      // The audit trail names the position, never the person.
      return erase(current, 'contact.remove', [`contacts[${position}]`], [{ category: 'contact', count: 1 }], { contacts: rest }, contact);
    });
  }

  /** Adds an account; it protects nothing that exists, so it has no version to check (a duplicate is refused). */
  async addAadAccount(actor: Actor, input: unknown): Promise<ChangeResult> {
    requireAdmin(actor);
    const account: AadAccount = parse(aadAccountSchema, input);
    return this.apply(actor, undefined, '', (current) => {
      const existing = current.aadAccounts.find((a) => a.upn === account.upn);
      if (existing && isDeepStrictEqual({ ...existing, objectId: undefined }, { ...account, objectId: undefined })) return current;
      if (existing) throw new PrivacyError('E-DUPLICATE', [{ path: 'upn', messageKey: 'validation.duplicate' }]);
      return { kind: 'update', action: 'aadAccount.add', publisher: { ...current, aadAccounts: [...current.aadAccounts, account] } };
    });
  }

  async removeAadAccount(actor: Actor, upn: string, expectedVersion: string): Promise<ChangeResult> {
    requireAdmin(actor);
    const removedObjectId = (await this.load(actor)).publisher.aadAccounts.find((a) => a.upn === upn.toLowerCase())?.objectId;
    const result = await this.removeAccount(actor, upn, expectedVersion);
    // WeChat users and linked Teams users this account vouched for lose access with it.
    if (result.receipt && removedObjectId) {
      const issuedBy = aadActorId(this.auditSalt, removedObjectId);
      await this.bindings.revokeIssuedBy(actor.publisherId, issuedBy, actor.actorId);
      await this.teamsLinks.revokeIssuedBy(actor.publisherId, issuedBy, actor.actorId);
    }
    return result;
  }

  private removeAccount(actor: Actor, upn: string, expectedVersion: string): Promise<ChangeResult> {
    return this.apply(actor, { kind: 'aadAccounts' }, expectedVersion, (current) => {
      const index = current.aadAccounts.findIndex((a) => a.upn === upn.toLowerCase());
      const account = current.aadAccounts[index];
      if (!account) return undefined;
      const rest = current.aadAccounts.filter((a) => a !== account);
      if (!rest.some((a) => a.role === 'admin')) throw new PrivacyError('E-LAST-ADMIN');
      // The audit trail names the position, never the UPN.
      return erase(current, 'aadAccount.remove', [`aadAccounts[${index}]`], [{ category: 'aadAccount', count: 1 }], { aadAccounts: rest }, account);
    });
  }

  /**
   * Gives an account another role (admin or member). The last admin is never demoted: the account
   * list would be left with nobody able to manage it. Audited by position, never by UPN.
   */
  async changeAadAccountRole(actor: Actor, upn: string, role: unknown, expectedVersion: string): Promise<ChangeResult> {
    requireAdmin(actor);
    const { role: newRole } = parse(aadRoleChangeSchema, { role });
    return this.apply(actor, { kind: 'aadAccounts' }, expectedVersion, (current) => {
      const account = current.aadAccounts.find((a) => a.upn === upn.toLowerCase());
      if (!account) return undefined;
      if (account.role === newRole) return current;
      const aadAccounts = current.aadAccounts.map((a) => (a === account ? { ...a, role: newRole } : a));
      if (!aadAccounts.some((a) => a.role === 'admin')) throw new PrivacyError('E-LAST-ADMIN-ROLE');
      return { kind: 'update', action: 'aadAccount.role', publisher: { ...current, aadAccounts } };
    });
  }

  async updateCustomerService(actor: Actor, offerId: string, input: unknown, expectedVersion: string): Promise<ChangeResult> {
    const customerService = parse(customerServiceSchema, input);
    return this.apply(actor, { kind: 'offer', offerId }, expectedVersion, (current) => {
      if (!current.offers.some((o) => o.id === offerId)) throw new PrivacyError('E-NOT-FOUND');
      const offers = current.offers.map((o) => (o.id === offerId ? { ...o, customerService } : o));
      const publisher = { ...current, offers };
      const superseded = supersededValues(current.offers.find((o) => o.id === offerId)?.customerService, publisher);
      return { kind: 'update', action: 'offer.customerService.update', publisher, warnings: nameWarnings([customerService.name]), superseded };
    });
  }

  async deleteOffer(actor: Actor, offerId: string, expectedVersion: string): Promise<ChangeResult> {
    return this.apply(actor, { kind: 'offer', offerId }, expectedVersion, (current) => {
      if (!current.offers.some((o) => o.id === offerId)) return undefined;
      const offer = current.offers.find((o) => o.id === offerId);
      const offers = current.offers.filter((o) => o !== offer);
      const erased = [{ category: 'offer' as const, count: 1 }, { category: 'customerService' as const, count: 1 }];
      return erase(current, 'offer.delete', [`offers[${offerId}]`], erased, { offers }, offer);
    });
  }

  async deleteRequestRecord(actor: Actor, recordId: string, expectedVersion: string): Promise<ChangeResult> {
    return this.apply(actor, { kind: 'record', recordId }, expectedVersion, (current) => {
      const record = current.requestRecords.find((r) => r.id === recordId);
      if (!record) return undefined;
      const requestRecords = current.requestRecords.filter((r) => r !== record);
      return erase(current, 'requestRecord.delete', [`requestRecords[${recordId}]`], [{ category: 'requestRecord', count: 1 }], { requestRecords }, record);
    });
  }

  /** Everything held about the publisher (GDPR Art. 15/20, PIPL Art. 45); the export itself is audited. */
  async exportAll(actor: Actor): Promise<PrivacyExport> {
    await this.load(actor);
    await this.audit(actor, 'export', []);
    return this.buildExport(actor.publisherId);
  }

  /**
   * A single-use download link for the export (10 minutes), and what the file will hold, counted
   * per category for the chat to tell. Asking for it is audited as the export.
   */
  async createExportLink(actor: Actor): Promise<{ token: string; expiresAt: Date; counts: ExportCounts }> {
    await this.load(actor);
    const { token, expiresAt } = await this.exportLinks.issue({ publisherId: actor.publisherId, actorId: actor.actorId });
    await this.audit(actor, 'export', []);
    return { token, expiresAt, counts: await this.exportCounts(actor) };
  }

  /** What an export of the actor's publisher holds, counted per category (no values); any member. */
  async exportCounts(actor: Actor): Promise<ExportCounts> {
    const { publisher } = await this.load(actor);
    return {
      contacts: publisher.contacts.length,
      aadAccounts: publisher.aadAccounts.length,
      offers: publisher.offers.length,
      requestRecords: publisher.requestRecords.length,
      wechatBindings: (await this.bindings.forPublisher(actor.publisherId)).length,
      teamsLinks: (await this.teamsLinks.forPublisher(actor.publisherId)).length,
      auditEntries: (await this.store.audit.list(actor.publisherId)).length,
    };
  }

  /**
   * The export a link stands for, once: the link is used up, the download audited under the actor
   * who asked for it. Undefined for a link that is unknown, used, expired, or whose publisher is gone.
   */
  async downloadExport(token: string): Promise<{ export: PrivacyExport; fileName: string } | undefined> {
    const link = await this.exportLinks.claim(token);
    const stored = link && (await this.store.publishers.get(link.publisherId));
    // Whoever asked must still be a member: a link outlives nothing its asker lost meanwhile.
    if (!link || !stored || !(await this.isStillMember(stored.publisher, link.actorId))) return undefined;
    await this.store.audit.append({ at: this.now().toISOString(), actor: link.actorId, publisherId: link.publisherId, action: 'export.download', fields: [] });
    const exported = await this.buildExport(link.publisherId);
    return { export: exported, fileName: `privacy-export-${link.publisherId}-${exported.exportedAt.slice(0, 10)}.json` };
  }

  /** Whether the audit actor is still on the publisher's list: an AAD account on it, or a linked user whose link stands. */
  private async isStillMember(publisher: Publisher, actorId: string): Promise<boolean> {
    if (publisher.aadAccounts.some((account) => account.objectId && aadActorId(this.auditSalt, account.objectId) === actorId)) return true;
    const links = [...(await this.bindings.forPublisher(publisher.id)), ...(await this.teamsLinks.forPublisher(publisher.id))];
    return links.some((link) => wechatActorId(this.auditSalt, link.openid) === actorId);
  }

  private async buildExport(publisherId: string): Promise<PrivacyExport> {
    const stored = await this.store.publishers.get(publisherId);
    if (!stored) throw new PrivacyError('E-FORBIDDEN');
    return {
      format: 'publisher-privacy-export/1',
      exportedAt: this.now().toISOString(),
      publisher: stored.publisher,
      wechatBindings: await this.bindings.forPublisher(publisherId),
      teamsLinks: await this.teamsLinks.forPublisher(publisherId),
      auditTrail: await this.store.audit.list(publisherId),
    };
  }

  /** Every audit entry of the actor's publisher (receipts are read from these); any member. */
  async auditEntries(actor: Actor): Promise<AuditEntry[]> {
    await this.load(actor);
    return this.store.audit.list(actor.publisherId);
  }

  /**
   * Who an audit actor id stands for, as the audit trail can tell it: a current account by its
   * name, the operator, a WeChat user, or a member no longer listed. The id's format stays here.
   */
  async actorLabels(actor: Actor): Promise<(actorId: string) => ActorLabel> {
    const [{ publisher }, bound] = await Promise.all([this.load(actor), this.bindings.forPublisher(actor.publisherId)]);
    const names = new Map(
      publisher.aadAccounts.filter((a) => a.objectId).map((a) => [aadActorId(this.auditSalt, a.objectId ?? ''), a.displayName ?? a.upn]),
    );
    const wechatUsers = new Map(bound.map((binding) => [this.bindings.actorId(binding.openid), binding]));
    return (actorId) => {
      const name = names.get(actorId);
      if (name !== undefined) return { kind: 'member', name };
      const kind = actorKindOf(actorId);
      if (kind !== 'wechatUser') return { kind: kind === 'operator' ? kind : 'formerMember' };
      const binding = wechatUsers.get(actorId);
      const vouchedBy = binding ? names.get(binding.issuedBy) : undefined;
      return { kind, ...(vouchedBy !== undefined ? { vouchedBy } : {}), ...(binding ? { boundAt: binding.boundAt } : {}) };
    };
  }

  /** The latest audit entries of the actor's publisher; admins only. */
  async auditTrail(actor: Actor, limit?: number): Promise<AuditEntry[]> {
    requireAdmin(actor);
    await this.load(actor);
    return this.store.audit.list(actor.publisherId, limit);
  }

  private async load(actor: Actor): Promise<VersionedPublisher> {
    const stored = await this.store.publishers.get(actor.publisherId);
    if (!stored) throw new PrivacyError('E-FORBIDDEN');
    return stored;
  }

  /**
   * Applies a change computed from the current publisher, if the part it changes is still as the
   * caller saw it (`expected`, its part version; no part: nothing to check). Other parts may have
   * changed meanwhile: the change is computed afresh from the current publisher and written with
   * the store's compare-and-set, re-reading on a conflict, so no concurrent write is lost.
   * `compute` returns the publisher unchanged or `undefined` (target gone) when there is nothing to
   * do: on a stale part that means the same change was already applied (a repeated submit).
   */
  private async apply(actor: Actor, part: Part | undefined, expected: string, compute: (current: Publisher) => Change | Publisher | undefined): Promise<ChangeResult> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.load(actor);
      const change = compute(stored.publisher);
      const proposed = change === undefined ? stored.publisher : 'kind' in change ? change.publisher : change;
      const unchanged = changedPaths(stored.publisher, proposed).length === 0;
      if (part && partVersion(stored.publisher, part) !== expected) {
        if (unchanged) return { version: stored.version, changedFields: [], alreadyApplied: true, warnings: [] };
        throw new PrivacyError('E-STALE');
      }
      if (change === undefined) throw new PrivacyError('E-NOT-FOUND');
      if (unchanged || !('kind' in change)) return { version: stored.version, changedFields: [], alreadyApplied: false, warnings: [] };

      const next = parse(publisherSchema, change.publisher);
      const version = await this.putUnlessConflict(next, stored.version, attempt);
      if (version === undefined) continue;
      return this.record(actor, change, stored.publisher, next, version);
    }
  }

  /** Writes the publisher; `undefined` when another write came first and the caller should retry. */
  private async putUnlessConflict(next: Publisher, expectedVersion: number, attempt: number): Promise<number | undefined> {
    try {
      return await this.store.publishers.put(next, expectedVersion);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Writers that keep colliding are told to try again rather than spin.
      if (attempt >= MAX_WRITE_ATTEMPTS) throw new PrivacyError('E-STALE');
      return undefined;
    }
  }

  /** The audit entry, or for an erasure the receipt and the residue sweep, of a written change. */
  private async record(actor: Actor, change: Change, before: Publisher, next: Publisher, version: number): Promise<ChangeResult> {
    if (change.kind === 'update') {
      const changedFields = offersById(changedPaths(before, next), before, next);
      await this.audit(actor, change.action, changedFields);
      // A corrected phone must not live on in a WeChat stored answer or a paged list.
      if (change.superseded?.length) await sweepPublisherResidue(this.store.kv, actor.publisherId, change.superseded);
      return { version, changedFields, alreadyApplied: false, warnings: change.warnings ?? [] };
    }
    const receipt = await recordErasure(
      this.store.audit,
      { actor: actor.actorId, publisherId: actor.publisherId, action: change.action, fields: change.fields, erased: change.erased },
      this.now(),
    );
    await sweepPublisherResidue(this.store.kv, actor.publisherId, change.erasedValues);
    return { version, changedFields: change.fields, alreadyApplied: false, warnings: change.warnings ?? [], receipt };
  }

  private async audit(actor: Actor, action: string, fields: string[]): Promise<void> {
    await this.store.audit.append({ at: this.now().toISOString(), actor: actor.actorId, publisherId: actor.publisherId, action, fields });
  }
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new PrivacyError('E-VALIDATION', toFieldErrors(result.error));
  return result.data;
}

/** One warning when any name is only digits or a phone number (likely typed into the wrong field). */
function nameWarnings(names: string[]): string[] {
  return names.some(looksLikeNumber) ? ['warnings.nameLooksLikeNumber'] : [];
}

function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new PrivacyError('E-ADMIN-ONLY');
}

/** A change that erases `removed` (a record, or records) from the publisher. */
function erase(current: Publisher, action: string, fields: string[], erased: ErasureReceipt['erased'], patch: Partial<Publisher>, removed: unknown): Change {
  const publisher = { ...current, ...patch };
  // Values the publisher still holds elsewhere (the same phone on another offer) are not erased.
  const remaining = new Set(leafStrings(publisher));
  return { kind: 'erase', action, fields, erased, publisher, erasedValues: leafStrings(removed).filter((value) => !remaining.has(value)) };
}

/** The values of `before` (what a correction replaced) that the corrected publisher no longer holds anywhere. */
function supersededValues(before: unknown, after: Publisher): string[] {
  const kept = new Set(leafStrings(after));
  return [...new Set(leafStrings(before))].filter((value) => !kept.has(value));
}

/**
 * `offers[0].customerService.qq` → `offers[yunfan-vm].customerService.qq`: an offer is named by its
 * product ID (public, not personal), so the audit line still names the right offer after others go.
 */
function offersById(paths: string[], before: Publisher, next: Publisher): string[] {
  return paths.map((path) =>
    path.replace(/^offers\[(\d+)\]/, (whole, index: string) => {
      const offer = next.offers[Number(index)] ?? before.offers[Number(index)];
      return offer ? `offers[${offer.id}]` : whole;
    }),
  );
}
