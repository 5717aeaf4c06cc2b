/**
 * One erasure, end to end: a marker publisher on a running server, its admin in Teams and a WeChat
 * account bound to it, the copies the bot holds before, and the residue checks after.
 */
import assert from 'node:assert/strict';
import { partVersion, type Part } from '../../src/domain/partVersions';
import { importWithCli } from './cli';
import { allMarkers, markerPublisher, type MarkerPublisher } from './markerPublisher';
import type { EngineUnderTest } from './residueEngines';
import { describeHits, expectNone, missing, scanText } from './residueScanners';
import type { RunningServer } from './server';
import { TeamsUser } from './teamsUser';
import { codeIn, wechatPeer } from './wechat';
import type { WechatPeer } from './wechatPeer';

/** What an erasure left to check: the receipts it showed, and the markers it erased and kept. */
export interface ErasureOutcome {
  /** Texts that carry the receipt (receipt card, WeChat answer, CLI output). */
  receiptTexts: string[];
  erased: string[];
  kept: string[];
}

/**
 * A marker publisher on a running server, with its admin in Teams and a WeChat account bound to it
 * through a code the admin asked for — ready to make the bot hold copies, erase, and check.
 */
export class ErasureScenario {
  readonly admin: TeamsUser;
  private readonly peer: WechatPeer;

  private constructor(
    readonly engine: EngineUnderTest,
    readonly server: RunningServer,
    readonly mp: MarkerPublisher,
  ) {
    this.admin = new TeamsUser(server, mp.admin, 'zh-CN');
    this.peer = wechatPeer(server, 'plain');
  }

  /** Imports a fresh marker publisher (through the import command, or the store) and binds its WeChat account. */
  static async start(engine: EngineUnderTest, server: RunningServer, importWith: 'cli' | 'store' = 'store'): Promise<ErasureScenario> {
    const mp = markerPublisher();
    if (importWith === 'cli') await importWithCli([mp.publisher], engine.env);
    else {
      await engine.store.publishers.put(mp.publisher, 'new');
      await engine.store.audit.append({ at: new Date().toISOString(), actor: 'operator', publisherId: mp.publisher.id, action: 'import', fields: [] });
    }
    const scenario = new ErasureScenario(engine, server, mp);
    const code = codeIn(await scenario.admin.say('微信绑定'));
    assert.match(await scenario.wechat(`绑定 ${code}`), /已绑定到/);
    return scenario;
  }

  get publisherId(): string {
    return this.mp.publisher.id;
  }

  /** A WeChat message from the bound account; the passive reply's text. */
  async wechat(text: string): Promise<string> {
    return (await this.peer.sendText(this.mp.openid, text)).text;
  }

  /** The stored version of a part of the publisher (what a card's `v` carries). */
  async version(part: Part): Promise<string> {
    const stored = await this.engine.store.publishers.get(this.publisherId);
    if (!stored) throw new Error(`no publisher ${this.publisherId}`);
    return partVersion(stored.publisher, part);
  }

  /**
   * Before the erasure: every marker about to go is stored, and the bot holds copies of some of
   * them outside the publisher record (bot state, WeChat dedupe entries) — otherwise the check after
   * would prove nothing.
   */
  async expectCopiesHeld(erased: readonly string[]): Promise<void> {
    const hits = await this.engine.scan(erased);
    assert.deepEqual(missing(erased, hits), [], `every marker to erase is stored before the erasure:\n${describeHits(hits)}`);
    assert.ok(hits.some((hit) => this.engine.isKeyValue(hit)), `the bot holds copies in state or dedupe entries before the erasure:\n${describeHits(hits)}`);
  }

  /**
   * After the erasure: no erased marker in the store or the server log; no marker at all in the
   * receipts, the audit trail or the log; every kept marker still found (the scan can find things).
   */
  async expectNoResidue(outcome: ErasureOutcome): Promise<void> {
    const all = allMarkers(this.mp);
    expectNone(await this.engine.scan(outcome.erased), `erased values still held by the ${this.engine.name} store`);
    expectNone(scanText('server log', this.server.output, all), 'personal values in the server log');
    expectNone(
      outcome.receiptTexts.flatMap((text, i) => scanText(`receipt ${i + 1}`, text, all)),
      'personal values in a receipt',
    );

    const audit = await this.engine.store.audit.list(this.publisherId);
    assert.ok(audit.some((entry) => entry.receiptId !== undefined), 'the erasure is recorded in the audit trail with its receipt id');
    expectNone(
      audit.flatMap((entry) => scanText(`audit ${entry.action} ${entry.at}`, JSON.stringify(entry), all)),
      'personal values in the audit trail',
    );

    const kept = await this.engine.scan(outcome.kept);
    assert.deepEqual(missing(outcome.kept, kept), [], 'the markers that were not erased are still found by the same scan');
  }
}

/** The receipt id (a UUID) in a text. */
export function receiptIdIn(text: string): string {
  const id = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/.exec(text)?.[0];
  if (!id) throw new Error(`no receipt id in:\n${text}`);
  return id;
}
