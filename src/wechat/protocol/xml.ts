/**
 * The XML WeChat posts to the callback URL, and the XML we answer with.
 * Every value stays a string: `MsgId` exceeds Number.MAX_SAFE_INTEGER.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WechatError } from './errors';

/** A message or event as WeChat sends it (plain mode, or the decrypted inner XML in safe mode). */
export interface WechatMessage {
  toUserName: string;
  /** The sender's openid. */
  fromUserName: string;
  /** Seconds since the epoch, as sent. */
  createTime: string;
  /** `text`, `event`, `image`, `voice`, … */
  msgType: string;
  content?: string;
  /** Present on messages (not events); the key to deduplicate WeChat's retries. */
  msgId?: string;
  /** `subscribe`, `unsubscribe`, `CLICK`, … when msgType is `event`. */
  event?: string;
  eventKey?: string;
}

/** What arrived at the callback URL: a safe-mode envelope to decrypt, or a plain message. */
export type IncomingXml =
  | { kind: 'encrypted'; encrypt: string; toUserName?: string }
  | { kind: 'plain'; message: WechatMessage };

/** Parses the callback body. An `<Encrypt>` element wins: in compatible mode the plain copy is unauthenticated. */
export function parseIncomingXml(xml: string): IncomingXml {
  const root = parseRoot(xml);
  const encrypt = optionalField(root, 'Encrypt');
  if (encrypt !== undefined) {
    if (encrypt === '') throw xmlError('empty Encrypt');
    const toUserName = optionalField(root, 'ToUserName');
    return toUserName === undefined ? { kind: 'encrypted', encrypt } : { kind: 'encrypted', encrypt, toUserName };
  }
  return { kind: 'plain', message: toMessage(root) };
}

/** Parses a plain message: the decrypted inner XML of a safe-mode envelope, or a plain-mode body. */
export function parseMessageXml(xml: string): WechatMessage {
  return toMessage(parseRoot(xml));
}

export interface TextReply {
  /** The user's openid (the incoming FromUserName). */
  toUserName: string;
  /** The official account's id (the incoming ToUserName). */
  fromUserName: string;
  /** Seconds since the epoch. */
  createTime: number;
  content: string;
}

/** The passive text reply, answered in the body of the callback's HTTP response. */
export function buildTextReplyXml(reply: TextReply): string {
  return (
    '<xml>' +
    `<ToUserName>${cdata(reply.toUserName)}</ToUserName>` +
    `<FromUserName>${cdata(reply.fromUserName)}</FromUserName>` +
    `<CreateTime>${seconds(reply.createTime)}</CreateTime>` +
    `<MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(reply.content)}</Content>` +
    '</xml>'
  );
}

export interface EncryptedReply {
  /** The encrypted reply XML (WechatMessageCrypto.encrypt). */
  encrypt: string;
  /** msgSignature(token, timestamp, nonce, encrypt). */
  msgSignature: string;
  /** Seconds since the epoch, as signed. */
  timestamp: string;
  nonce: string;
}

/** The safe-mode reply envelope around an encrypted reply. */
export function buildEncryptedReplyXml(reply: EncryptedReply): string {
  if (!/^\d+$/.test(reply.timestamp)) throw new RangeError('timestamp must be decimal seconds');
  return (
    '<xml>' +
    `<Encrypt>${cdata(reply.encrypt)}</Encrypt>` +
    `<MsgSignature>${cdata(reply.msgSignature)}</MsgSignature>` +
    `<TimeStamp>${reply.timestamp}</TimeStamp>` +
    `<Nonce>${cdata(reply.nonce)}</Nonce>` +
    '</xml>'
  );
}

/**
 * A CDATA section holding `text` exactly. `]]>` would end the section, so it is split across two
 * sections; characters XML cannot carry at all (most C0 controls, lone surrogates) are dropped.
 */
export function cdata(text: string): string {
  const safe = text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
  return `<![CDATA[${safe.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function seconds(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('createTime must be whole seconds');
  return String(value);
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const XML_REFERENCE = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;

/**
 * Decodes only XML's predefined entities and character references in text (CDATA is left alone by the
 * parser). The parser's default would leave `&#20013;` undecoded; its HTML option would also decode `&nbsp;`.
 */
const xmlEntityDecoder = {
  decode(text: string): string {
    return text.replace(XML_REFERENCE, (match, dec?: string, hex?: string, name?: string) => {
      if (name !== undefined) return XML_ENTITIES[name] ?? match;
      const codePoint = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
      const surrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
      if (codePoint === 0 || codePoint > 0x10ffff || surrogate) throw xmlError('bad character reference');
      return String.fromCodePoint(codePoint);
    });
  },
  setExternalEntities(): void {},
  addInputEntities(): void {},
  reset(): void {},
  setXmlVersion(): void {},
};

const parser = new XMLParser({
  ignoreAttributes: true,
  // Numbers stay strings: MsgId and CreateTime are compared and stored, never computed with.
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  entityDecoder: xmlEntityDecoder,
});

type XmlObject = Record<string, unknown>;

function parseRoot(xml: string): XmlObject {
  // A DTD is the door to entity expansion and external entities; WeChat never sends one.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw xmlError('DTDs are not accepted');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw xmlError(`malformed (${valid.err.code} at line ${valid.err.line})`);
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (error) {
    throw error instanceof WechatError ? error : xmlError('malformed');
  }
  if (!isObject(parsed)) throw xmlError('malformed');
  const keys = Object.keys(parsed);
  const root = parsed.xml;
  // The validator lets a second top-level element through; XML allows one root, and WeChat's is <xml>.
  if (keys.length !== 1 || !isObject(root)) throw xmlError('the root element must be <xml> and only it');
  return root;
}

function toMessage(root: XmlObject): WechatMessage {
  const message: WechatMessage = {
    toUserName: requiredField(root, 'ToUserName'),
    fromUserName: requiredField(root, 'FromUserName'),
    createTime: requiredField(root, 'CreateTime'),
    msgType: requiredField(root, 'MsgType'),
  };
  if (!/^\d+$/.test(message.createTime)) throw xmlError('CreateTime is not decimal seconds');
  const content = optionalField(root, 'Content');
  const msgId = optionalField(root, 'MsgId');
  const event = optionalField(root, 'Event');
  const eventKey = optionalField(root, 'EventKey');
  if (content !== undefined) message.content = content;
  if (msgId !== undefined) message.msgId = msgId;
  if (event !== undefined) message.event = event;
  if (eventKey !== undefined) message.eventKey = eventKey;
  return message;
}

function requiredField(root: XmlObject, name: string): string {
  const value = optionalField(root, name);
  if (value === undefined || value === '') throw xmlError(`missing ${name}`);
  return value;
}

function optionalField(root: XmlObject, name: string): string | undefined {
  const value = root[name];
  if (value === undefined) return undefined;
  // Repeated or nested elements here mean the body is not what WeChat sends.
  if (typeof value !== 'string') throw xmlError(`${name} is not a single text element`);
  return value;
}

function isObject(value: unknown): value is XmlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function xmlError(reason: string): WechatError {
  return new WechatError('E-WECHAT-XML', reason);
}
