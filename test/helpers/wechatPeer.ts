/**
 * Plays WeChat's side of the callback: builds a user's message as WeChat would post it to /wechat —
 * signed, and in safe mode encrypted — and opens the reply. Used by the simulator and the tests.
 */
import { randomBytes } from 'node:crypto';
import type { WechatMessageCrypto } from '../../src/wechat/protocol/crypto';
import { msgSignature, urlSignature } from '../../src/wechat/protocol/signature';
import { cdata, parseIncomingXml, parseMessageXml } from '../../src/wechat/protocol/xml';

export interface WechatPeerOptions {
  /** Base URL of the bot, e.g. http://127.0.0.1:3978. */
  url: string;
  token: string;
  /** The official account's id (ToUserName). */
  account: string;
  /** Safe mode when set. */
  crypto?: WechatMessageCrypto;
  now?: () => number;
}

export interface PostedMessage {
  status: number;
  /** The reply's text content; empty for `success` or an empty body. */
  text: string;
  /** The raw response body. */
  raw: string;
}

let msgCounter = 0;

export class WechatPeer {
  constructor(private readonly options: WechatPeerOptions) {}

  /** A text message from `openid`; `msgId` lets a test repeat one as WeChat's retries do. */
  sendText(openid: string, content: string, msgId = `${Date.now()}${String(++msgCounter).padStart(6, '0')}`): Promise<PostedMessage> {
    return this.post(this.messageXml(openid, { MsgType: 'text', Content: content, MsgId: msgId }));
  }

  /** An event (subscribe, unsubscribe, CLICK with its key). */
  sendEvent(openid: string, event: string, eventKey?: string): Promise<PostedMessage> {
    return this.post(this.messageXml(openid, { MsgType: 'event', Event: event, ...(eventKey ? { EventKey: eventKey } : {}) }));
  }

  /** Builds the query string and body WeChat would send for this message XML. */
  sign(messageXml: string): { query: URLSearchParams; body: string } {
    const timestamp = String(Math.floor((this.options.now?.() ?? Date.now()) / 1000));
    const nonce = randomBytes(6).toString('hex');
    const query = new URLSearchParams({ timestamp, nonce, signature: urlSignature(this.options.token, timestamp, nonce) });
    if (!this.options.crypto) return { query, body: messageXml };
    const encrypt = this.options.crypto.encrypt(messageXml);
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', msgSignature(this.options.token, timestamp, nonce, encrypt));
    return { query, body: `<xml><ToUserName>${cdata(this.options.account)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>` };
  }

  /** Posts a signed body and opens the reply. */
  async post(messageXml: string): Promise<PostedMessage> {
    const { query, body } = this.sign(messageXml);
    return this.postRaw(query, body);
  }

  async postRaw(query: URLSearchParams, body: string): Promise<PostedMessage> {
    const response = await fetch(`${this.options.url}/wechat?${query.toString()}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    const raw = await response.text();
    return { status: response.status, raw, text: response.status === 200 ? this.openReply(raw) : '' };
  }

  /** The text content of a reply body (decrypting it in safe mode). */
  openReply(raw: string): string {
    if (!raw.startsWith('<xml>')) return '';
    const incoming = parseIncomingXml(raw);
    const messageXml = incoming.kind === 'encrypted' ? this.decrypt(incoming.encrypt) : undefined;
    const message = messageXml ? parseMessageXml(messageXml) : incoming.kind === 'plain' ? incoming.message : undefined;
    return message?.content ?? '';
  }

  messageXml(openid: string, fields: Record<string, string>): string {
    const createTime = String(Math.floor((this.options.now?.() ?? Date.now()) / 1000));
    const all = { ToUserName: this.options.account, FromUserName: openid, CreateTime: createTime, ...fields };
    return `<xml>${Object.entries(all).map(([name, value]) => `<${name}>${name === 'CreateTime' || name === 'MsgId' ? value : cdata(value)}</${name}>`).join('')}</xml>`;
  }

  private decrypt(encrypt: string): string {
    if (!this.options.crypto) throw new Error('an encrypted reply in plaintext mode');
    return this.options.crypto.decrypt(encrypt).message;
  }
}
