/**
 * Who may act for which publisher. Teams users are matched by AAD objectId (or by UPN until their
 * objectId is known); every operation re-checks membership against the stored publisher, so an id
 * carried by a message or a card payload never widens what a caller may touch.
 */
import type { AadAccount, AadRole, Publisher } from '../domain/publisher';
import { aadActorId, wechatActorId } from '../audit/actorHash';
import { ConflictError, type PublisherRepository, type VersionedPublisher } from '../store/types';
import { PrivacyError } from './errors';

export type Identity =
  | { channel: 'aad'; objectId: string; upn?: string }
  /** A WeChat user, through the binding an AAD account of the publisher vouched for (with that account's role). */
  | { channel: 'linkedWechat'; openid: string; publisherId: string; role: AadRole }
  /** The operator at the command line (import, export, erase); trusted, audited as `operator`. */
  | { channel: 'operator' };

export interface Membership {
  publisherId: string;
  companyName: string;
  role: AadRole;
}

/** A caller authorized for one publisher, as the service and the audit trail see it. */
export interface Actor {
  publisherId: string;
  role: AadRole;
  /** Salted hash of the channel identity; what the audit trail records. */
  actorId: string;
  identity: Identity;
}

export class PublisherAccess {
  constructor(
    private readonly publishers: PublisherRepository,
    private readonly auditSalt: string,
  ) {}

  /** The same access over a turn's repository (PrivacyService.forTurn's), so both share its reads. */
  forTurn(publishers: PublisherRepository): PublisherAccess {
    return new PublisherAccess(publishers, this.auditSalt);
  }

  /** Every publisher this identity may act for. Fills in the objectId of accounts added by UPN. */
  async membershipsOf(identity: Identity): Promise<Membership[]> {
    if (identity.channel === 'operator') return [];
    if (identity.channel === 'linkedWechat') {
      const stored = await this.publishers.get(identity.publisherId);
      return stored ? [{ publisherId: identity.publisherId, companyName: stored.publisher.companyName, role: identity.role }] : [];
    }
    const byObjectId = await this.publishers.findByAadObjectId(identity.objectId);
    const byUpn = identity.upn ? await this.publishers.findByUpn(identity.upn) : [];
    const memberships: Membership[] = [];
    for (const publisherId of new Set([...byObjectId, ...byUpn])) {
      const stored = await this.claimObjectId(publisherId, identity);
      const account = stored && findAccount(stored.publisher, identity);
      if (stored && account) memberships.push({ publisherId, companyName: stored.publisher.companyName, role: account.role });
    }
    return memberships.sort((a, b) => a.companyName.localeCompare(b.companyName));
  }

  /** The actor for this identity on this publisher, with the publisher as stored; E-FORBIDDEN otherwise. */
  async authorize(identity: Identity, publisherId: string): Promise<{ actor: Actor; stored: VersionedPublisher }> {
    const stored = await this.publishers.get(publisherId);
    if (!stored) throw new PrivacyError('E-FORBIDDEN');
    if (identity.channel === 'operator') return { actor: operatorActor(publisherId), stored };
    const role = identity.channel === 'linkedWechat' ? identity.role : findAccount(stored.publisher, identity)?.role;
    if (!role || (identity.channel === 'linkedWechat' && identity.publisherId !== publisherId)) throw new PrivacyError('E-FORBIDDEN');
    return { actor: this.actorFor(identity, { publisherId, role }), stored };
  }

  /** The actor for a membership `membershipsOf` has just found for this identity: no second read. */
  actorFor(identity: Exclude<Identity, { channel: 'operator' }>, membership: Pick<Membership, 'publisherId' | 'role'>): Actor {
    const actorId =
      identity.channel === 'aad' ? aadActorId(this.auditSalt, identity.objectId) : wechatActorId(this.auditSalt, identity.openid);
    return { publisherId: membership.publisherId, role: membership.role, actorId, identity };
  }

  // An account added by UPN learns its objectId the first time its user talks to the bot.
  private async claimObjectId(publisherId: string, identity: Extract<Identity, { channel: 'aad' }>): Promise<VersionedPublisher | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await this.publishers.get(publisherId);
      const account = stored && findAccount(stored.publisher, identity);
      if (!stored || !account || account.objectId) return stored;
      const aadAccounts = stored.publisher.aadAccounts.map((a) => (a === account ? { ...a, objectId: identity.objectId } : a));
      try {
        const version = await this.publishers.put({ ...stored.publisher, aadAccounts }, stored.version);
        return { publisher: { ...stored.publisher, aadAccounts }, version };
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    return this.publishers.get(publisherId);
  }
}

/** The operator acting on one publisher from the command line. */
export function operatorActor(publisherId: string): Actor {
  return { publisherId, role: 'admin', actorId: 'operator', identity: { channel: 'operator' } };
}

/** The caller's own entry on the publisher's account list: AAD callers only, by objectId, or by UPN until it is known. */
export function ownAccount(publisher: Publisher, identity: Identity): AadAccount | undefined {
  return identity.channel === 'aad' ? findAccount(publisher, identity) : undefined;
}

function findAccount(publisher: Publisher, identity: Extract<Identity, { channel: 'aad' }>): AadAccount | undefined {
  const upn = identity.upn?.toLowerCase();
  return (
    publisher.aadAccounts.find((a) => a.objectId === identity.objectId) ??
    publisher.aadAccounts.find((a) => !a.objectId && upn !== undefined && a.upn === upn)
  );
}
