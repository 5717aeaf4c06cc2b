/**
 * No residue, on both engines, through the real server: a publisher whose every personal value is a
 * unique marker, copies of it held in bot state and WeChat dedupe entries, then one erasure — after
 * which the erased markers are found nowhere in the store or the log, and no marker at all is in a
 * receipt or the audit trail.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { requireCluster } from '../helpers/redisServer';
import { CUSTOMER_SERVICE_FIELDS, fieldNames } from '../../src/domain/fieldSpecs';
import { requireRedis } from '../helpers/redis';
import {
  ErasureScenario,
  TeamsUser,
  allMarkers,
  choiceNumber,
  expectNone,
  markerPublisher,
  missing,
  receiptIdIn,
  scanText,
  startServerOn,
  type EngineUnderTest,
  type ServerUnderTest,
} from '../helpers/residue';
import { runCli } from '../helpers/cli';
import type { RunningServer } from '../helpers/server';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

for (const engineName of ['embedded', 'redis', 'redis-cluster'] as const) {
  describe(`Erasure leaves no residue (${engineName})`, function () {
    this.timeout(120_000);
    let engine: EngineUnderTest;
    let server: RunningServer;
    let running: ServerUnderTest | undefined;

    before(async function () {
      if (engineName === 'redis') await requireRedis(this);
      if (engineName === 'redis-cluster') await requireCluster(this);
      running = await startServerOn(engineName);
      ({ engine, server } = running);
    });
    after(async () => running?.stop());

    /** Every marker but those of `erased`. */
    const except = (s: ErasureScenario, erased: string[]): string[] => allMarkers(s.mp).filter((m) => !erased.includes(m));

    /** The Teams receipt list after the erasure: names the receipt, shows no personal value. */
    async function receiptList(s: ErasureScenario, receiptId: string): Promise<string> {
      const list = await s.admin.say('删除回执');
      assert.ok(list.includes(receiptId), `the receipt list names ${receiptId}:\n${list}`);
      return list;
    }

    it('deleting an offer in Teams erases its name and every customer-service value, and clears the WeChat draft of it', async () => {
      const s = await ErasureScenario.start(engine, server);
      const [offer] = s.mp.publisher.offers;
      const erased = s.mp.markers.offers[0]!;
      const list = await s.wechat('产品');
      const detail = await s.wechat(choiceNumber(list, '查看', offer!.name));
      assert.ok(detail.includes(offer!.customerService.email), 'WeChat showed the customer-service values');
      assert.match(await s.wechat(choiceNumber(detail, '修改客服信息')), new RegExp(`第 1/${fieldNames(CUSTOMER_SERVICE_FIELDS).length} 项`), 'the edit form (a draft in conversation state) is open');
      await s.expectCopiesHeld(erased);

      const receipt = await s.admin.execute('offer.delete.execute', { offerId: offer!.id, v: await s.version({ kind: 'offer', offerId: offer!.id }) });
      assert.match(receipt, /删除回执[\s\S]*回执编号\n[0-9a-f-]{36}\n删除时间\n.+\n产品\n1\n客服信息\n1\n操作人（化名编号）\naad:[0-9a-f]{32}/, 'id, when, what and how many, by whom (hashed)');
      await s.expectNoResidue({ receiptTexts: [receipt, await receiptList(s, receiptIdIn(receipt))], erased, kept: except(s, erased) });
      const next = await s.wechat('产品');
      assert.match(next, /^【产品】/, `the WeChat form is gone: "产品" is a command again, not a field value:\n${next}`);
      assert.ok(!next.includes(offer!.name));
    });

    it('deleting an offer confirmed in WeChat erases it from the session that confirmed it', async () => {
      const s = await ErasureScenario.start(engine, server);
      const [, offer] = s.mp.publisher.offers;
      const erased = s.mp.markers.offers[1]!;
      const confirm = await s.wechat(choiceNumber(await s.wechat('产品'), '删除', offer!.name));
      assert.match(confirm, /回复“确认删除”/);
      await s.expectCopiesHeld(erased);

      const receipt = await s.wechat('确认删除');
      assert.match(receipt, /删除回执[\s\S]*回执编号/);
      await s.expectNoResidue({ receiptTexts: [receipt, await receiptList(s, receiptIdIn(receipt))], erased, kept: except(s, erased) });
    });

    it('deleting a request record erases its summary, also from the WeChat answer that showed it', async () => {
      const s = await ErasureScenario.start(engine, server);
      const [record] = s.mp.publisher.requestRecords;
      const erased = s.mp.markers.records[0]!;
      // Newest first: the first record (a day old) is the first one listed.
      const detail = await s.wechat(choiceNumber(await s.wechat('申请记录'), '查看'));
      assert.ok(detail.includes(record!.summary), detail);
      await s.expectCopiesHeld(erased);

      const receipt = await s.admin.execute('record.delete.execute', { recordId: record!.id, v: await s.version({ kind: 'record', recordId: record!.id }) });
      assert.match(receipt, /删除回执[\s\S]*申请记录\n1/);
      await s.expectNoResidue({ receiptTexts: [receipt, await receiptList(s, receiptIdIn(receipt))], erased, kept: except(s, erased) });
    });

    it('removing another AAD account (as admin) erases its objectId, UPN and display name', async () => {
      const s = await ErasureScenario.start(engine, server);
      const erased = s.mp.markers.member;
      // The member has used the bot (user and conversation state exist), and WeChat showed the account list.
      assert.match(await new TeamsUser(server, s.mp.member, 'zh-CN').say('账号'), new RegExp(s.mp.member.upn));
      assert.ok((await s.wechat('账号')).includes(s.mp.member.displayName));
      await s.expectCopiesHeld(erased);

      // Redis indexes the account by unsalted digests of its objectId and UPN: those must go too.
      const digests = engine.name !== 'embedded' ? [sha256(`oid:${s.mp.member.objectId}`), sha256(`upn:${s.mp.member.upn}`)] : [];
      assert.deepEqual(missing(digests, await engine.scan(digests)), []);

      const receipt = await s.admin.execute('account.remove.execute', { upn: s.mp.member.upn, v: await s.version({ kind: 'aadAccounts' }) });
      assert.match(receipt, /删除回执[\s\S]*AAD 账号\n1/);
      await s.expectNoResidue({ receiptTexts: [receipt, await receiptList(s, receiptIdIn(receipt))], erased, kept: except(s, erased) });
      expectNone(await engine.scan(digests), 'index keys named after the removed account');
    });

    it('removing a contact (its own action, confirmed) erases its name, phone and e-mail, and the WeChat draft', async () => {
      const s = await ErasureScenario.start(engine, server);
      const [, removed] = s.mp.publisher.contacts;
      const erased = s.mp.markers.contacts[1]!;
      const view = await s.wechat('联系信息');
      assert.ok(view.includes(removed!.email));
      assert.match(await s.wechat(choiceNumber(view, '修改')), /请选择要修改的部分/, 'the contact form (a draft of every contact) is open in WeChat');
      await s.expectCopiesHeld(erased);

      const card = await s.admin.execute('contact.remove.execute', { contact: 1, v: await s.version({ kind: 'contact', index: 1 }) });
      assert.match(card, /删除回执/);
      const [entry] = await engine.store.audit.list(s.publisherId, 1);
      assert.deepEqual([entry?.action, entry?.erased], ['contact.remove', [{ category: 'contact', count: 1 }]]);
      await s.expectNoResidue({ receiptTexts: [card, JSON.stringify(entry), await receiptList(s, entry!.receiptId!)], erased, kept: except(s, erased) });
      assert.match(await s.wechat('联系信息'), /^【联系信息】/, 'the WeChat form with the removed contact is gone');
    });

    it('removing a contact in WeChat (typed confirmation word) erases it, also from the session that showed it', async () => {
      const s = await ErasureScenario.start(engine, server);
      const erased = s.mp.markers.contacts[1]!;
      const view = await s.wechat('联系信息');
      await s.expectCopiesHeld(erased);
      const confirm = await s.wechat(choiceNumber(view, '删除联系人', '联系人 2'));
      assert.match(confirm, /请回复“确认删除”/);
      assert.ok(confirm.includes(s.mp.publisher.contacts[1]!.email), 'the confirmation shows who goes');

      const receipt = await s.wechat('确认删除');
      assert.match(receipt, /删除回执/);
      const [entry] = await engine.store.audit.list(s.publisherId, 1);
      await s.expectNoResidue({ receiptTexts: [receipt, await receiptList(s, entry!.receiptId!)], erased, kept: except(s, erased) });
    });

    it('unbinding WeChat erases the openid; the export the WeChat session was shown is a summary that never held it', async () => {
      const s = await ErasureScenario.start(engine, server);
      const erased = s.mp.markers.binding;
      assert.ok(!(await s.wechat('导出')).includes(s.mp.openid), 'the export summary names no openid');

      const receipt = await s.wechat('解绑');
      assert.match(receipt, /已解除该微信号的绑定。回执编号：/);
      await s.expectNoResidue({ receiptTexts: [receipt, await receiptList(s, receiptIdIn(receipt))], erased, kept: except(s, erased) });
    });

    it('the operator command `erase ID --confirm` erases everything but the PII-free audit trail and its receipt', async () => {
      const s = await ErasureScenario.start(engine, server, 'cli');
      const erased = allMarkers(s.mp);
      // Another publisher in the same store: its values must survive, and the scan must find them.
      const bystander = markerPublisher();
      await engine.store.publishers.put(bystander.publisher, 'new');
      await s.wechat('联系信息');
      await s.wechat('账号');
      await s.wechat('导出');
      await s.wechat('更多');
      const detail = await s.wechat(choiceNumber(await s.wechat('产品'), '查看', s.mp.publisher.offers[2]!.name));
      await s.wechat(choiceNumber(detail, '修改客服信息'));
      await s.expectCopiesHeld(erased);

      const run = await runCli('erase', [s.publisherId, '--confirm'], engine.env);
      assert.equal(run.code, 0, run.stderr);
      const receipt = JSON.parse(run.stdout) as { id: string; publisherId: string; actor: string; erased: { category: string; count: number }[] };
      assert.equal(receipt.publisherId, s.publisherId);
      assert.equal(receipt.actor, 'operator');
      assert.deepEqual(
        Object.fromEntries(receipt.erased.map((item) => [item.category, item.count])),
        { publisher: 1, contact: 2, aadAccount: 2, offer: 3, customerService: 3, requestRecord: 2, wechatBinding: 1 },
      );
      assert.equal(await engine.store.publishers.get(s.publisherId), undefined);
      assert.deepEqual(scanText('erase stderr', run.stderr, erased), []);
      const kept = allMarkers(bystander).filter((m) => !bystander.markers.binding.includes(m));
      await s.expectNoResidue({ receiptTexts: [run.stdout, run.stderr], erased, kept });
      const audit = await engine.store.audit.list(s.publisherId);
      assert.equal(audit[0]?.receiptId, receipt.id, 'the receipt is the newest audit entry');
      assert.match(await s.wechat('菜单'), /尚未绑定/, 'the WeChat account is no longer bound');
    });
  });
}
