/** Actors appear in the audit trail only as salted hashes of their channel identity. */
import { createHmac } from 'node:crypto';

export type ActorKind = 'aad' | 'wechat' | 'operator';

/** A stable, non-reversible name for an identity: same input, same hash; no way back to the id. */
export function hashActor(salt: string, kind: ActorKind, id: string): string {
  if (kind === 'operator') return 'operator';
  return `${kind}:${createHmac('sha256', salt).update(`${kind}:${id}`).digest('hex').slice(0, 32)}`;
}

/** The audit actor of an AAD account. */
export function aadActorId(salt: string, objectId: string): string {
  return hashActor(salt, 'aad', objectId);
}

/** The audit actor of a WeChat user. */
export function wechatActorId(salt: string, openid: string): string {
  return hashActor(salt, 'wechat', openid);
}

/** What kind of identity an audit actor id names (this module owns the format); undefined for none it writes. */
export function actorKindOf(actorId: string): 'operator' | 'aadAccount' | 'wechatUser' | undefined {
  if (actorId === 'operator') return 'operator';
  const prefix = /^(aad|wechat):[0-9a-f]{32}$/.exec(actorId)?.[1];
  if (prefix === undefined) return undefined;
  return prefix === 'aad' ? 'aadAccount' : 'wechatUser';
}
