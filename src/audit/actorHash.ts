/** Actors appear in the audit trail only as salted hashes of their channel identity. */
import { createHmac } from 'node:crypto';

export type ActorKind = 'aad' | 'wechat' | 'operator';

/** A stable, non-reversible name for an identity: same input, same hash; no way back to the id. */
export function hashActor(salt: string, kind: ActorKind, id: string): string {
  if (kind === 'operator') return 'operator';
  return `${kind}:${createHmac('sha256', salt).update(`${kind}:${id}`).digest('hex').slice(0, 32)}`;
}
