/**
 * Export as a file through the real server: the chat says what the file holds and until when the
 * link works (never the JSON); GET /exports/{token} serves the file once; every other shape of
 * request gets the answer an unknown token gets, and leaves a real link usable.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { translator } from '../../src/i18n';
import { cardText, findAction, type Card } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { cardOf, FakeConnector, HttpChannel, RunningServer } from '../helpers/server';


describe('Export download link (real server)', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let connector: FakeConnector;
  const t = translator('en-US');
  before(async () => {
    connector = await FakeConnector.start();
    server = await RunningServer.start({ PUBLIC_BASE_URL: 'https://bot.example.cn' });
  });
  after(async () => {
    await server.stop();
    await connector.stop();
  });

  /** Asks for an export in Teams; returns the card and the link's path on this server. */
  async function exportLink(): Promise<{ card: Card; path: string; replies: Partial<Activity>[] }> {
    const channel = new HttpChannel(server, USERS.admin, 'en-US', connector);
    const replies = await channel.say('export');
    const card = cardOf(replies);
    const button = findAction(card, t('export.download')) as { type: string; url?: string };
    assert.equal(button.type, 'Action.OpenUrl');
    const url = new URL(button.url ?? '');
    assert.equal(url.origin, 'https://bot.example.cn', 'the link is on PUBLIC_BASE_URL');
    assert.match(url.pathname, /^\/exports\/[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');
    return { card, path: url.pathname, replies };
  }

  const get = (path: string, method = 'GET'): Promise<Response> => fetch(`${server.url}${path}`, { method });

  it('says what the file holds and when the link expires, with no JSON in the chat', async () => {
    const { card, replies } = await exportLink();
    const text = cardText(card);
    for (const key of ['contacts', 'aadAccounts', 'offers', 'requestRecords', 'auditEntries']) assert.ok(text.includes(t(`export.counts.${key}`)), key);
    assert.ok(text.includes(t('export.expires')));
    assert.match(text, /China time|UTC\+8|GMT\+8/i, 'the expiry names its time zone');
    const all = JSON.stringify(replies) + JSON.stringify(connector.received);
    assert.ok(!all.includes('publisher-privacy-export/1') && !all.includes('wang.xiaoming@yunfan.example.cn'), 'no export data in the chat');
  });

  it('serves the file once, as a UTF-8 JSON attachment nobody caches; the second GET is answered like an unknown token', async () => {
    const { path } = await exportLink();
    const first = await get(path);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.match(first.headers.get('content-disposition') ?? '', /^attachment; filename="privacy-export-contoso-cn-\d{4}-\d{2}-\d{2}\.json"$/);
    assert.equal(first.headers.get('cache-control'), 'no-store');
    const body = JSON.parse(Buffer.from(await first.arrayBuffer()).toString('utf8')) as { format: string; publisher: { companyName: string } };
    assert.equal(body.format, 'publisher-privacy-export/1');
    assert.equal(body.publisher.companyName, '上海云帆信息技术有限公司');

    const unknown = await get(`/exports/${'A'.repeat(43)}`);
    const second = await get(path);
    assert.equal(second.status, 404);
    assert.equal(unknown.status, 404);
    assert.equal(await second.text(), await unknown.text());
  });

  it('answers odd shapes like an unknown token, and HEAD or POST do not use the link up', async () => {
    const { path } = await exportLink();
    for (const odd of ['/exports/', '/exports/..%2F..%2Fetc%2Fpasswd', '/exports/../../etc/passwd', `/exports/${'a'.repeat(5000)}`, `/exports/${path.slice(9, 40)}%41%42`, `${path}/x`, `${path}%00`]) {
      const response = await get(odd);
      assert.ok([404, 400, 414].includes(response.status), `${odd.slice(0, 60)}: ${response.status}`);
    }
    for (const method of ['HEAD', 'POST', 'PUT', 'DELETE']) assert.equal((await get(path, method)).status, 404, method);
    assert.equal((await get(path)).status, 200, 'the link still works after the odd requests');
  });

  it('records the export and the download in the audit trail', async () => {
    const { path } = await exportLink();
    assert.equal((await get(path)).status, 200);
    const channel = new HttpChannel(server, USERS.admin, 'en-US', connector);
    const text = cardText(cardOf(await channel.say('audit')));
    assert.ok(text.includes(t('audit.actions.export_download')));
    assert.ok(text.includes(t('audit.actions.export')));
  });

  it('writes no token and no personal data into its log', async () => {
    const { path } = await exportLink();
    await get(path);
    const log = server.output;
    assert.ok(!log.includes(path.slice(9)), 'no token in the log');
    for (const value of ['wang.xiaoming@yunfan.example.cn', '+8613800138000', '上海云帆']) assert.ok(!log.includes(value), value);
  });
});
