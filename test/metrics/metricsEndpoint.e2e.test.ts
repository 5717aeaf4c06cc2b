/**
 * /metrics end to end: a scripted conversation on both channels through the real server, then a
 * scrape of the metrics listener. The series are there, and none of the demo publisher's personal
 * values (names, phones, e-mails, ids, UPNs) nor the WeChat openid appears in any metric name,
 * label or help text. The public port does not serve /metrics.
 */
import assert from 'node:assert/strict';
import { demoPublisher, PLAYGROUND_USER } from '../../src/demo/demoPublisher';
import { USERS } from '../helpers/fixtures';
import { HttpChannel, RunningServer } from '../helpers/server';
import { bindingCode, newOpenid, wechatEnv, wechatPeer } from '../helpers/wechat';

const PERSONAL_KEYS = new Set(['id', 'companyName', 'creditCode', 'name', 'phone', 'email', 'objectId', 'upn', 'displayName', 'qq', 'wechat', 'weibo', 'summary']);

/** Every value under a personal key of the document, however deep. */
function personalValues(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => personalValues(item, found));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && PERSONAL_KEYS.has(key)) found.push(value);
      else personalValues(value, found);
    }
  }
  return found;
}

/** The scrape without its sample values: names, labels and help text, where data could leak. */
function withoutSampleValues(scrape: string): string {
  return scrape.split('\n').map((line) => (line.startsWith('#') ? line : line.replace(/ \S+$/, ''))).join('\n');
}

/** The value of one series, e.g. `ppa_turns_total{channel="wechat",kind="message",outcome="ok"}`. */
function sample(scrape: string, series: string): number {
  const line = scrape.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
}

describe('GET /metrics after a scripted conversation (Teams and WeChat)', function () {
  this.timeout(120_000);
  let server: RunningServer;
  let metricsUrl: string;
  const openid = newOpenid();

  before(async () => {
    server = await RunningServer.start(wechatEnv('plain', { METRICS_PORT: '0' }));
    const port = /"port":(\d+),"host":"127\.0\.0\.1","msg":"metrics listening"/.exec(server.output)?.[1];
    assert.ok(port, `no metrics listener in the log:\n${server.output}`);
    metricsUrl = `http://127.0.0.1:${port}/metrics`;

    const teams = new HttpChannel(server, USERS.admin, 'zh-CN');
    for (const text of ['菜单', '联系信息', '产品', '申请记录']) assert.ok((await teams.say(text)).length > 0);
    const peer = wechatPeer(server, 'plain');
    assert.match((await peer.sendText(openid, '菜单')).text, /尚未绑定/);
    assert.match((await peer.sendText(openid, '绑定 000000')).text, /无效或已过期/);
    assert.match((await peer.sendText(openid, `绑定 ${await bindingCode(server)}`)).text, /已绑定/);
    for (const text of ['菜单', '1', '产品', '导出']) await peer.sendText(openid, text);
    assert.match((await peer.sendText(openid, '解绑')).text, /回执/);
  });
  after(async () => server?.stop());

  it('counts turns by channel, kind and outcome, their duration, store commands, bindings and erasures', async () => {
    const response = await fetch(metricsUrl);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const scrape = await response.text();
    assert.ok(sample(scrape, 'ppa_turns_total{channel="msteams",kind="message",outcome="ok"}') >= 5, 'Teams turns (4 said + 1 for the binding code)');
    assert.equal(sample(scrape, 'ppa_turns_total{channel="wechat",kind="message",outcome="ok"}'), 8);
    assert.equal(sample(scrape, 'ppa_turn_duration_seconds_count{channel="wechat"}'), 8);
    assert.equal(sample(scrape, 'ppa_wechat_binding_attempts_total{outcome="bound"}'), 1);
    assert.equal(sample(scrape, 'ppa_wechat_binding_attempts_total{outcome="refused_invalid_code"}'), 1);
    assert.equal(sample(scrape, 'ppa_erasures_total{kind="wechatBinding"}'), 1);
    assert.equal(sample(scrape, 'ppa_wechat_late_answers_total{outcome="sent"}'), 0, 'declared before the first late answer');
    assert.equal(sample(scrape, 'ppa_sign_in_attempts_total{outcome="refused"}'), 0, 'declared for the sign-in flow');
    assert.ok(sample(scrape, 'ppa_store_command_duration_seconds_count{engine="embedded",operation="publishers.get",outcome="ok"}') > 0);
    assert.match(scrape, /^# TYPE ppa_store_command_errors_total counter$/m);
  });

  it('carries none of the fixture\'s personal values, and only short plain label values', async () => {
    const scrape = withoutSampleValues(await (await fetch(metricsUrl)).text());
    const needles = [...personalValues(demoPublisher), PLAYGROUND_USER.objectId, USERS.admin.name, openid].filter((value) => value.length >= 4);
    assert.ok(needles.length > 15, `the fixture yields personal values to look for (${needles.length})`);
    const found = needles.filter((needle) => scrape.toLowerCase().includes(needle.toLowerCase()));
    assert.deepEqual(found, [], 'personal values in /metrics');
    const labelValues = [...scrape.matchAll(/="([^"]*)"/g)].map((match) => match[1] ?? '');
    assert.ok(labelValues.length > 0);
    assert.deepEqual(labelValues.filter((value) => !/^[A-Za-z0-9_.+\-/]{0,40}$/.test(value)), [], 'label values outside the fixed vocabulary');
  });

  it('is not served on the public port, and the metrics port serves nothing else', async () => {
    assert.equal((await fetch(`${server.url}/metrics`)).status, 404);
    assert.equal((await fetch(metricsUrl.replace('/metrics', '/api/messages'), { method: 'POST', body: '{}' })).status, 404);
    assert.equal((await fetch(metricsUrl, { method: 'POST' })).status, 405);
  });
});
