/**
 * Keeps the residue registry true: before a turn saves the state of a conversation that acted for a
 * publisher, that state's key (and in WeChat, the user's answer entry) is registered under the
 * publisher, so a later correction or erasure finds the copy by name. Registered once per state
 * lifetime, not on every turn: the conversation remembers when it last did.
 */
import type { ConversationState, TurnContext } from 'botbuilder';
import { openidHash, wechatAnswerKey } from '../service/keyspace';
import type { ResidueRegistry } from '../service/residueRegistry';
import type { BotStateStorage } from './botStateStorage';

/** Per publisher id, when this conversation last registered its entries (epoch ms). */
export type ResidueNoted = Record<string, number>;

export interface TurnResidueDependencies {
  registry: ResidueRegistry;
  storage: BotStateStorage;
  conversationState: ConversationState;
  /** Conversation state expires this long after its last write. */
  conversationTtlMs: number;
  salt: string;
  now?: () => number;
}

export class TurnResidue {
  private readonly now: () => number;

  constructor(private readonly deps: TurnResidueDependencies) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Registers the conversation's entries under each publisher the turn could show (and those it
   * registered before) whose registration is missing or a state lifetime old; updates `noted` in
   * place. Returns whether it registered anything.
   */
  async note(context: TurnContext, noted: ResidueNoted, publisherIds: readonly string[], openid?: string): Promise<boolean> {
    const now = this.now();
    const due = [...new Set([...publisherIds, ...Object.keys(noted)])].filter((id) => {
      const at = noted[id];
      return at === undefined || now - at >= this.deps.conversationTtlMs;
    });
    if (due.length === 0) return false;
    const keys = this.keysOf(context, openid);
    for (const publisherId of due) {
      // Held for two lifetimes: state written at any time before the next registration (at most
      // one lifetime later) expires within the hold.
      await this.deps.registry.note(publisherId, keys, 2 * this.deps.conversationTtlMs);
      noted[publisherId] = now;
    }
    return true;
  }

  /** The entries a turn of this conversation may leave a copy in. */
  private keysOf(context: TurnContext, openid: string | undefined): string[] {
    const stateKey = this.deps.conversationState.getStorageKey(context);
    const keys = stateKey === undefined ? [] : [this.deps.storage.kvKeyOf(stateKey)];
    if (openid !== undefined) keys.push(wechatAnswerKey(openidHash(this.deps.salt, openid)));
    return keys;
  }
}
