/**
 * Teams announces a personal install twice (installationUpdate and conversationUpdate), often at
 * the same moment and possibly to two bot instances: the welcome is claimed with one put-if-absent
 * on the shared store, so exactly one of them shows it.
 */
import { createHash } from 'node:crypto';
import { KEYSPACE } from '../service/keyspace';
import type { KeyValueStore } from '../store/types';

export class WelcomeOnce {
  constructor(
    private readonly kv: KeyValueStore,
    /** As long as conversation state lives, so the privacy notice's retention stays true. */
    private readonly ttlMs: number,
  ) {}

  /** True for the first caller in this conversation within the expiry; false for every other. */
  async claim(channelId: string, conversationId: string): Promise<boolean> {
    // The key names the conversation by a hash: the flag needs no id that points at a person.
    const conversation = createHash('sha256').update(`${channelId}\n${conversationId}`).digest('hex').slice(0, 32);
    // Disposable: a power cut that loses the flag costs at worst a second welcome.
    return (await this.kv.put(`${KEYSPACE.welcomed}${conversation}`, true, { ifAbsent: true, ttlMs: this.ttlMs, disposable: true })) !== undefined;
  }
}
