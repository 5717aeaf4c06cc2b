/**
 * The security pipeline of the /wechat callback, with no HTTP in it: check the signature and the clock,
 * open the safe-mode envelope, parse the message; and seal a reply. The endpoint maps errors to
 * responses and must answer all of them alike (no hint to a prober which check failed).
 */
import { WechatError } from './errors';
import type { WechatMessageCrypto } from './crypto';
import { isTimestampFresh, msgSignature, verifyMsgSignature, verifyUrlSignature } from './signature';
import { buildEncryptedReplyXml, parseIncomingXml, parseMessageXml, type WechatMessage } from './xml';

/** The query parameters WeChat adds to the callback URL. */
export interface CallbackQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  /** Safe and compatible mode only. */
  msg_signature?: string;
  encrypt_type?: string;
  /** URL check (GET) only. */
  echostr?: string;
}

const QUERY_KEYS = ['signature', 'timestamp', 'nonce', 'msg_signature', 'encrypt_type', 'echostr'] as const;

/**
 * The callback's query from the raw query string, every parameter a single string. A repeated or
 * bracketed parameter is refused (E-WECHAT-QUERY): WeChat never sends one, and parsers that turn them
 * into arrays or objects are how a query once reached `.toLowerCase()` as an array.
 */
export function readCallbackQuery(rawQuery: string): CallbackQuery {
  const params = new URLSearchParams(rawQuery);
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key) || /[[\]]/.test(key)) throw new WechatError('E-WECHAT-QUERY', 'a repeated or bracketed query parameter');
    seen.add(key);
  }
  const query: CallbackQuery = {};
  for (const key of QUERY_KEYS) {
    const value = params.get(key);
    if (value !== null) query[key] = value;
  }
  return query;
}

export interface CallbackSecurity {
  /** The Token set in the official account's console. */
  token: string;
  /** Set in safe mode; then plain bodies are refused, since `signature` does not cover the body. */
  crypto?: WechatMessageCrypto;
  /** Refuse requests whose timestamp is further than this from `nowMs`; default 300 s. */
  maxSkewSeconds?: number;
  nowMs: number;
}

export interface CallbackMessage {
  message: WechatMessage;
  /** Whether it came encrypted: then the reply must be sealed too. */
  encrypted: boolean;
}

/** The echostr to answer unchanged on WeChat's URL check (GET), after checking its signature. */
export function verifyUrlCheck(query: CallbackQuery, security: CallbackSecurity): string {
  const { timestamp, nonce } = checkedStamp(query, security);
  if (query.echostr === undefined || query.signature === undefined) {
    throw signatureError('missing echostr or signature');
  }
  if (!verifyUrlSignature(security.token, timestamp, nonce, query.signature)) throw signatureError('bad signature');
  return query.echostr;
}

/** Authenticates and parses a callback POST body; throws E-WECHAT-SIGNATURE/-TIMESTAMP/-DECRYPT/-APPID/-XML. */
export function readCallbackMessage(body: string, query: CallbackQuery, security: CallbackSecurity): CallbackMessage {
  const { timestamp, nonce } = checkedStamp(query, security);
  const { crypto, token } = security;
  if (crypto === undefined) {
    // Plain mode: the signature does not depend on the body, so check it before parsing anything.
    if (query.signature === undefined || !verifyUrlSignature(token, timestamp, nonce, query.signature)) {
      throw signatureError('bad signature');
    }
    const incoming = parseIncomingXml(body);
    if (incoming.kind === 'encrypted') {
      throw new WechatError('E-WECHAT-KEY', 'encrypted body but no EncodingAESKey configured');
    }
    return { message: incoming.message, encrypted: false };
  }
  const incoming = parseIncomingXml(body);
  if (incoming.kind === 'plain') throw signatureError('plain body while safe mode is configured');
  // Verify before decrypting: unauthenticated CBC ciphertext must never reach the padding check (padding oracle).
  const signature = query.msg_signature;
  if (signature === undefined || !verifyMsgSignature(token, timestamp, nonce, incoming.encrypt, signature)) {
    throw signatureError('bad msg_signature');
  }
  const { message } = crypto.decrypt(incoming.encrypt);
  return { message: parseMessageXml(message), encrypted: true };
}

/** Encrypts and signs a reply XML into the safe-mode envelope. `timestamp` is decimal seconds. */
export function sealReply(
  replyXml: string,
  token: string,
  crypto: WechatMessageCrypto,
  timestamp: string,
  nonce: string,
): string {
  const encrypt = crypto.encrypt(replyXml);
  const signature = msgSignature(token, timestamp, nonce, encrypt);
  return buildEncryptedReplyXml({ encrypt, msgSignature: signature, timestamp, nonce });
}

function checkedStamp(query: CallbackQuery, security: CallbackSecurity): { timestamp: string; nonce: string } {
  const { timestamp, nonce } = query;
  if (timestamp === undefined || nonce === undefined) throw signatureError('missing timestamp or nonce');
  if (!isTimestampFresh(timestamp, security.nowMs, security.maxSkewSeconds ?? 300)) {
    throw new WechatError('E-WECHAT-TIMESTAMP', 'timestamp outside the allowed skew');
  }
  return { timestamp, nonce };
}

function signatureError(reason: string): WechatError {
  return new WechatError('E-WECHAT-SIGNATURE', reason);
}
