/**
 * Seeded hostile inputs for the fuzz run: mutated Bot Framework activities and invokes, and mutated
 * WeChat callbacks (query shapes, signatures, XML). The same seed gives the same cases, so a finding
 * is reproduced by its seed and index.
 *
 * Who the cases speak as is chosen so that no case may rightly change a publisher's data: strangers
 * (and malformed senders) try every verb, writes included; the demo admin only reads. A changed export
 * after the run is therefore a finding, not a side effect.
 */
import { urlSignature } from '../../src/wechat/protocol/signature';
import { cdata } from '../../src/wechat/protocol/xml';
import { USERS } from './fixtures';

/** mulberry32: small, fast, good enough to pick mutations; not for secrets. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** One HTTP request of the run. */
export interface FuzzRequest {
  method: 'GET' | 'POST';
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What it was, for the report of a finding. */
  label: string;
  /** Answers ≥ 500 that are the documented answer to this request (README, "Start the bot"). */
  documented5xx: readonly number[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ADMIN_READ_TEXTS = ['menu', '菜单', 'help', '帮助', 'contact', '联系信息', 'accounts', '账号', 'offers', '产品', 'records', '申请记录', 'language', '语言', 'cancel', '取消', '1', '2', '99', ''];
const ADMIN_READ_VERBS = ['menu', 'help', 'cancel', 'language.choose', 'contact.view', 'contact.edit', 'account.list', 'offer.list', 'offer.view', 'offer.edit', 'offer.delete', 'record.list', 'record.view', 'record.delete', 'account.remove', 'account.add', 'publisher.choose', 'records.back', 'offers.back'];
const WRITE_VERBS = ['contact.save', 'offer.save', 'offer.delete.execute', 'record.delete.execute', 'account.add.save', 'account.remove.execute', 'account.remove.confirmSelf', 'language.set', 'wechat.code'];
const DEMO_IDS = ['req-20240312-001', 'req-20250108-004', 'yunfan-vm', 'contoso-cn', USERS.admin.objectId];
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', '\u0000', 'verb', 'v', 'type'];

/** Strings no well-behaved client sends. */
function hostileString(random: SeededRandom): string {
  switch (random.int(10)) {
    case 0:
      return 'x'.repeat(random.pick([1024, 30_000, 200_000]));
    case 1:
      return 'a\u0000b\u0000';
    case 2:
      return '\uD800 lone high, lone low \uDC00';
    case 3:
      return '[Click](https://evil.example/phish) <a href="x">y</a> ]]> <![CDATA[';
    case 4:
      return '😀'.repeat(random.int(5000));
    case 5:
      return '\u202Eevil\u200B\uFEFF';
    case 6:
      return random.pick(DEMO_IDS);
    case 7:
      return '../../../etc/passwd';
    case 8:
      return '{{t}} %s %n ${x}';
    default:
      return String(random.next());
  }
}

// Deep nesting is spliced into the JSON text: building it as a value would overflow JSON.stringify here.
const DEEP_MARKER = /"\\u0001deep(\d+)\\u0001"/g;

function deepNest(random: SeededRandom): Json {
  return `\u0001deep${random.pick([50, 1000, 5000, 20_000])}\u0001`;
}

function spliceDeepNesting(json: string): string {
  return json.replace(DEEP_MARKER, (_match, depth: string) => {
    const levels = Number(depth);
    return `${'[{"a":'.repeat(levels)}0${'}]'.repeat(levels)}`;
  });
}

/** An object with own `__proto__` / `constructor` keys, as JSON.parse makes them. */
function pollutingObject(): Json {
  return JSON.parse('{"__proto__":{"isAdmin":true,"role":"admin"},"constructor":{"prototype":{"polluted":true}}}') as Json;
}

function hostileValue(random: SeededRandom): Json {
  switch (random.int(9)) {
    case 0:
      return null;
    case 1:
      return random.pick([0, -1, 1e308, -0, 2 ** 53 + 1, 1.5]);
    case 2:
      return random.chance(0.5);
    case 3:
      return [hostileString(random), 1, null];
    case 4:
      return {};
    case 5:
      return deepNest(random);
    case 6:
      return pollutingObject();
    default:
      return hostileString(random);
  }
}

/** Applies one random mutation somewhere inside `value` (objects and arrays are changed in place). */
function mutate(value: Json, random: SeededRandom, depth = 0): Json {
  const container = typeof value === 'object' && value !== null;
  if (!container || depth > 6 || random.chance(0.2)) return hostileValue(random);
  const keys = Array.isArray(value) ? value.map((_, index) => String(index)) : Object.keys(value);
  const record = value as Record<string, Json>;
  const action = random.int(4);
  if (action === 0 || keys.length === 0) {
    Object.defineProperty(record, random.pick(ODD_KEYS), { value: hostileValue(random), enumerable: true, configurable: true, writable: true });
  } else {
    const key = random.pick(keys);
    if (action === 1 && !Array.isArray(value)) {
      Reflect.deleteProperty(record, key);
    } else {
      const inner = record[key];
      record[key] = inner === undefined ? hostileValue(random) : mutate(inner, random, depth + 1);
    }
  }
  return value;
}

/** Mutations of the JSON text itself: what a broken or hostile client sends. */
function mutateText(text: string, random: SeededRandom): string {
  switch (random.int(6)) {
    case 0:
      return text.slice(0, random.int(text.length));
    case 1:
      return `\uFEFF${text}`;
    case 2:
      return `${text}${text}`;
    case 3:
      return text.replace('"type":', '"type":"message","type":');
    case 4:
      return text.replace(/"/, "'");
    default:
      return `[${text}]`;
  }
}

function baseActivity(random: SeededRandom, connectorUrl: string, counter: number): { activity: { [key: string]: Json }; asAdmin: boolean } {
  const asAdmin = random.chance(0.5);
  const objectId = asAdmin ? USERS.admin.objectId : random.pick([USERS.stranger.objectId, `fuzz-${random.int(1e9)}`, '']);
  const invoke = random.chance(0.5);
  const verb = asAdmin ? random.pick(ADMIN_READ_VERBS) : random.pick([...ADMIN_READ_VERBS, ...WRITE_VERBS]);
  const data: { [key: string]: Json } = { verb, v: random.int(5), recordId: random.pick(DEMO_IDS), offerId: 'yunfan-vm', objectId: random.pick(DEMO_IDS), phone: '13800138000', name: 'x' };
  const activity: { [key: string]: Json } = {
    type: invoke ? 'invoke' : 'message',
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    locale: random.pick(['en-US', 'zh-CN', 'fr', '']),
    id: `fuzz-${counter}`,
    timestamp: new Date().toISOString(),
    from: { id: `29:${objectId}`, name: 'Fuzz', aadObjectId: objectId },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: `a:fuzz-${random.int(20)}`, conversationType: 'personal', tenantId: 't' },
    channelData: { tenant: { id: 't' } },
    deliveryMode: 'expectReplies',
  };
  if (invoke) {
    activity.name = random.chance(0.9) ? 'adaptiveCard/action' : random.pick(['task/fetch', 'composeExtension/query', 'signin/verifyState', 'healthCheck', 'x']);
    activity.value = { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' };
  } else {
    activity.text = random.chance(0.7) ? random.pick(asAdmin ? ADMIN_READ_TEXTS : [...ADMIN_READ_TEXTS, 'export', '导出', 'wechat']) : hostileString(random);
    if (random.chance(0.3)) activity.value = { verb, ...data };
  }
  return { activity, asAdmin };
}

/**
 * A mutated activity or invoke for POST /api/messages. An admin's case never mutates who sends it
 * nor turns its verb into a write, so it can only read.
 */
export function fuzzActivity(random: SeededRandom, connectorUrl: string, counter: number): FuzzRequest {
  const { activity, asAdmin } = baseActivity(random, connectorUrl, counter);
  const mutations = 1 + random.int(3);
  for (let n = 0; n < mutations; n++) {
    if (asAdmin) {
      // Mutate anything but the sender and the verb-bearing fields' verbs.
      // Mostly the text and the card data, so many cases get past the activity's shape check into a turn.
      const value = activity.value;
      if (random.chance(0.5) && typeof value === 'object' && value !== null && !Array.isArray(value)) mutateDataKeepingVerb(value, random);
      else if (random.chance(0.5)) activity.text = hostileString(random);
      else {
        const key = random.pick(['text', 'locale', 'conversation', 'channelData', 'recipient', 'timestamp', 'id', 'entities', 'attachments', 'valueType', 'replyToId', 'localTimezone']);
        activity[key] = mutate(activity[key] ?? {}, random);
      }
    } else {
      mutate(activity, random);
    }
  }
  let body = spliceDeepNesting(JSON.stringify(activity));
  if (random.chance(0.05)) body = mutateText(body, random);
  const contentType = random.chance(0.97) ? 'application/json' : random.pick(['application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded']);
  // botbuilder answers 501 to an invoke the bot does not implement: the Bot Framework's contract.
  const documented5xx = activity.type === 'invoke' ? [501] : [];
  return { method: 'POST', path: '/api/messages', headers: { 'content-type': contentType }, body, label: `activity ${JSON.stringify(activity.type) ?? '-'} as ${asAdmin ? 'admin (reads only)' : 'stranger'}`, documented5xx };
}

/** Mutates the card data of an admin's invoke but keeps its (read-only) verb. */
function mutateDataKeepingVerb(value: { [key: string]: Json }, random: SeededRandom): void {
  const action = value.action;
  if (typeof action !== 'object' || action === null || Array.isArray(action)) return;
  const data = action.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return;
  const verb = data.verb;
  mutate(data, random);
  data.verb = verb ?? 'menu';
  action.verb = data.verb;
}

export interface WechatFuzzOptions {
  token: string;
  account: string;
}

const XML_MUTATIONS: ReadonlyArray<(xml: string, random: SeededRandom) => string> = [
  (xml) => xml.slice(0, Math.max(1, xml.length - 7)),
  (xml) => `<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>${xml}`,
  (xml) => xml.replace('<MsgType>', '<MsgType><MsgType>x</MsgType>'),
  (xml) => xml.replace('</xml>', '<MsgType>text</MsgType></xml>'),
  (xml) => xml.replace(/<CreateTime>\d+<\/CreateTime>/, '<CreateTime>-1e309</CreateTime>'),
  (xml) => xml.replace(/<FromUserName>.*?<\/FromUserName>/, ''),
  (xml) => `${xml}<xml></xml>`,
  (xml) => `<?xml version="1.0" encoding="GBK"?><!-- c -->${xml}`,
  (xml) => xml.replace('<xml>', '<xml><Content>&#0;&#xD800;&#1114112;</Content>'),
  (xml) => xml.replace('<xml>', '<xml a="1" xmlns="urn:x">'),
  (xml) => xml.replace('<xml>', `<xml>${'<a>'.repeat(3000)}${'</a>'.repeat(3000)}`),
  (xml) => xml.replace('<xml>', '<xml><Encrypt><![CDATA[AAAA]]></Encrypt>'),
  (xml) => `\uFEFF${xml}`,
  (xml) => xml.replaceAll('<', '&lt;'),
  (_xml, random) => hostileString(random),
];

function messageXml(random: SeededRandom, account: string, counter: number): string {
  const openid = random.chance(0.1) ? hostileString(random).slice(0, 200) : `ofuzz${random.int(1e6)}`;
  const fields: Array<[string, string]> = [
    ['ToUserName', cdata(account)],
    ['FromUserName', cdata(openid)],
    ['CreateTime', String(Math.floor(Date.now() / 1000))],
  ];
  if (random.chance(0.8)) {
    const content = random.chance(0.6) ? random.pick(['菜单', '绑定 000000', 'bind 123456', '解绑', '1', 'menu', '帮助', '']) : hostileString(random).slice(0, 60_000);
    fields.push(['MsgType', cdata('text')], ['Content', cdata(content)], ['MsgId', String(9_000_000_000_000_000_000n + BigInt(counter))]);
  } else {
    fields.push(['MsgType', cdata('event')], ['Event', cdata(random.pick(['subscribe', 'unsubscribe', 'CLICK', 'VIEW', '']))], ['EventKey', cdata(random.pick(['MENU', 'x', '']))]);
  }
  return `<xml>${fields.map(([name, value]) => `<${name}>${value}</${name}>`).join('')}</xml>`;
}

/** Percent-encodes `text`; a lone surrogate (which URLs cannot carry) becomes bytes no UTF-8 decoder accepts. */
function encodeQueryPart(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return `${encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '?'))}%ED%A0%80%FF`;
  }
}

/** A signed (mostly) WeChat callback with mutated query and body, for GET or POST /wechat (plaintext mode). */
export function fuzzWechatRequest(random: SeededRandom, options: WechatFuzzOptions, counter: number): FuzzRequest {
  const timestamp = random.chance(0.9) ? String(Math.floor(Date.now() / 1000)) : random.pick(['0', '-1', '1e10', '９９', '99999999999999', '']);
  const nonce = random.chance(0.9) ? `n${random.int(1e9)}` : hostileString(random).slice(0, 500);
  const signed = random.chance(0.7);
  let signature = signed ? urlSignature(options.token, timestamp, nonce) : random.pick(['', '0'.repeat(40), 'zz', 'A'.repeat(4000)]);
  if (signed && random.chance(0.1)) signature = signature.toUpperCase();
  const params: Array<[string, string]> = [['signature', signature], ['timestamp', timestamp], ['nonce', nonce], ['openid', 'ofuzz']];
  const isGet = random.chance(0.15);
  if (isGet) params.push(['echostr', random.chance(0.8) ? String(random.int(1e12)) : hostileString(random).slice(0, 1000)]);
  if (random.chance(0.1)) params.push([random.pick(['signature', 'timestamp', 'nonce', 'echostr']), 'dup']);
  if (random.chance(0.05)) params.push([random.pick(['signature[]', 'nonce[x]', '__proto__[a]', 'a[b][c]']), '1']);
  if (random.chance(0.05)) params.push(['encrypt_type', random.pick(['aes', 'raw', ''])]);
  const query = params.map(([key, value]) => `${encodeQueryPart(key)}=${encodeQueryPart(value)}`).join('&');
  const path = `/wechat?${random.chance(0.03) ? '%E0%A4%A&;=&&==' : query}`;
  if (isGet) return { method: 'GET', path, headers: {}, label: `wechat GET${signed ? ' signed' : ''}`, documented5xx: [] };
  let body = messageXml(random, options.account, counter);
  const mutations = random.chance(0.35) ? 0 : 1 + random.int(2);
  for (let n = 0; n < mutations; n++) body = random.pick(XML_MUTATIONS)(body, random);
  const contentType = random.chance(0.95) ? random.pick(['text/xml', 'text/xml; charset=utf-8', 'application/xml']) : random.pick(['application/json', 'multipart/form-data; boundary=x', '']);
  return { method: 'POST', path, headers: contentType ? { 'content-type': contentType } : {}, body, label: `wechat POST${signed ? ' signed' : ''} with ${mutations} XML mutations`, documented5xx: [] };
}
