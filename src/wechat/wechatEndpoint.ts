/**
 * The /wechat endpoint: URL verification (GET) and messages (POST), signed and, in safe mode,
 * encrypted. A turn answers within WeChat's 5 seconds or replies `success` and delivers its answer
 * later through the customer-service API. WeChat's retries of one message are processed once,
 * across instances, and get the same answer. A signed URL is good for one message only: a replay
 * of it carrying another message is refused (see `claimSignedUrl`).
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ActivityHandlerBase } from 'botbuilder';
import type restify from 'restify';
import { errorFields, type Logger } from '../log';
import { translator } from '../i18n';
import { guarded } from '../bot/routeGuard';
import { metrics } from '../metrics/botMetrics';
import { describeTurnFailure } from '../bot/turnFailure';
import { isStoreUnavailable, type KeyValueStore } from '../store/types';
import { KEYSPACE, openidHash, wechatAnswerKey } from '../service/keyspace';
import type { WechatApiClient } from './protocol/apiClient';
import { readCallbackMessage, readCallbackQuery, sealReply, verifyUrlCheck, type CallbackQuery, type CallbackSecurity } from './protocol/callback';
import type { WechatMessageCrypto } from './protocol/crypto';
import { isWechatError, WechatError } from './protocol/errors';
import type { WechatAdapter } from './wechatAdapter';
import { buildTextReplyXml, type WechatMessage } from './protocol/xml';

export interface WechatEndpointOptions {
  token: string;
  crypto?: WechatMessageCrypto;
  maxSkewSeconds: number;
  replyBudgetMs: number;
  adapter: WechatAdapter;
  bot: ActivityHandlerBase;
  kv: KeyValueStore;
  /** Delivers answers that miss the reply window; without it they are dropped with a warning. */
  api?: WechatApiClient;
  salt: string;
  logger: Logger;
}

/** What a user's answer entry holds: the reply to one message (named by its dedupe key). */
interface StoredAnswer {
  message: string;
  reply: string;
}

export const DEDUPE_TTL_MS = 60 * 60_000;
/**
 * How long a reply is kept for a retry of its message. WeChat retries within 15 seconds; a reply
 * may show personal data, so it is kept a minute, not for the hour a message is remembered as seen.
 */
export const ANSWER_TTL_MS = 60_000;
/** WeChat's messages are small XML; the server refuses a bigger body while reading it. */
export const WECHAT_MAX_BODY_BYTES = 64 * 1024;
/** What /wechat reads: WeChat posts `text/xml`; plain text and application/xml are the same bytes. */
export const WECHAT_MEDIA_TYPES = ['text/xml', 'application/xml', 'text/plain'] as const;

export function registerWechatRoutes(server: restify.Server, options: WechatEndpointOptions): void {
  const security = (): CallbackSecurity => ({
    token: options.token,
    ...(options.crypto ? { crypto: options.crypto } : {}),
    maxSkewSeconds: options.maxSkewSeconds,
    nowMs: Date.now(),
  });

  server.get('/wechat', guarded(options.logger, (req, res) => {
    let echostr: string;
    try {
      echostr = verifyUrlCheck(readCallbackQuery(req.getQuery()), security());
    } catch (error) {
      return refuse(res, error, options.logger);
    }
    sendText(res, 200, echostr);
  }));

  // The body is read (XML or text, at most WECHAT_MAX_BODY_BYTES, counted while reading) by the server's body rules.
  server.post('/wechat', guarded(options.logger, async (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    let message: WechatMessage;
    let encrypted: boolean;
    let query: CallbackQuery;
    try {
      query = readCallbackQuery(req.getQuery());
      ({ message, encrypted } = readCallbackMessage(body, query, security()));
    } catch (error) {
      return refuse(res, error, options.logger);
    }
    let reply: string | undefined;
    try {
      if (!(await claimSignedUrl(query, message, options))) {
        return refuse(res, new WechatError('E-WECHAT-REPLAY', 'signed URL already used for another message'), options.logger);
      }
      reply = await answerOnce(message, options);
    } catch (error) {
      reply = storeOutageReply(error, options.logger);
    }
    if (!reply) return sendText(res, 200, 'success');
    const xml = buildTextReplyXml({ toUserName: message.fromUserName, fromUserName: message.toUserName, createTime: Math.floor(Date.now() / 1000), content: reply });
    if (!encrypted || !options.crypto) return sendXml(res, xml);
    sendXml(res, sealReply(xml, options.token, options.crypto, query.timestamp ?? String(Math.floor(Date.now() / 1000)), query.nonce ?? randomBytes(8).toString('hex')));
  }));
}

/**
 * The answer when the store is down before the turn could start (the retry bookkeeping lives in
 * it): the same "try again shortly" as a turn that meets the outage. Any other error is a bug.
 */
function storeOutageReply(error: unknown, logger: Logger): string {
  if (!isStoreUnavailable(error)) throw error;
  const correlationId = randomUUID();
  const failure = describeTurnFailure(error, translator('zh-CN'), correlationId);
  logger.error({ correlationId, channelId: 'wechat', code: failure.code, err: errorFields(error) }, 'turn failed');
  return failure.text;
}

/** The passive reply for a message, or undefined to answer `success` (late, duplicate in progress, or nothing to say). */
async function answerOnce(message: WechatMessage, options: WechatEndpointOptions): Promise<string | undefined> {
  const key = dedupeKey(message, options.salt);
  // The dedupe entry says only that the message was seen; its reply goes to the user's answer entry.
  // Both are retry bookkeeping, disposable: a power cut that loses them ends every turn in flight anyway.
  const claimed = await options.kv.put(key, { seen: true }, { ifAbsent: true, ttlMs: DEDUPE_TTL_MS, disposable: true });
  const answerKey = wechatAnswerKey(openidHash(options.salt, message.fromUserName));
  if (!claimed) return waitForOriginal(key, answerKey, options);

  const turn = options.adapter.processMessage(message, (context) => options.bot.run(context)).then(async (replies) => {
    const reply = replies.join('\n\n');
    await options.kv.put(answerKey, { message: key, reply } satisfies StoredAnswer, { ttlMs: ANSWER_TTL_MS, disposable: true });
    return reply;
  });
  const inTime = await Promise.race([turn, sleep(options.replyBudgetMs, undefined, { ref: false })]);
  if (inTime !== undefined) return inTime || undefined;

  options.logger.info({ budgetMs: options.replyBudgetMs }, 'wechat turn missed the reply window; answering by customer-service message');
  turn
    .then(async (reply) => {
      if (!reply) return;
      if (!options.api) {
        metrics.wechatLateAnswer('dropped');
        return options.logger.warn('a late WeChat answer was dropped: WECHAT_APP_SECRET is not configured');
      }
      await options.api.sendText(message.fromUserName, reply);
      metrics.wechatLateAnswer('sent');
    })
    .catch((error: unknown) => {
      metrics.wechatLateAnswer('failed');
      options.logger.error({ err: errorFields(error) }, 'late WeChat answer failed');
    });
  return undefined;
}

/**
 * A retry gets the original's reply: at once when it was given, or when the original, still running,
 * gives it within the reply window. A repeat after the answer was forgotten gets none.
 */
async function waitForOriginal(key: string, answerKey: string, options: WechatEndpointOptions): Promise<string | undefined> {
  const deadline = Date.now() + options.replyBudgetMs;
  do {
    const answer = (await options.kv.get(answerKey))?.value as StoredAnswer | undefined;
    if (answer?.message === key) return answer.reply || undefined;
    await sleep(100);
  } while (Date.now() < deadline);
  return undefined;
}

/**
 * Remembers each signed (timestamp, nonce, signature) in the shared store for as long as its
 * timestamp can pass the clock check (± the skew, so twice the skew from first sight), with the
 * message it carried. WeChat retries a message with the very same query string, so the same URL
 * with the same message (same dedupe key) goes on, and the MsgId dedupe answers it with the
 * remembered reply without running the turn again. The same URL with any other message is a
 * replay: in plaintext mode the signature does not cover the body, so without this one captured
 * URL would let anyone post as any openid (e.g. guess binding codes) for the whole skew window.
 */
async function claimSignedUrl(query: CallbackQuery, message: WechatMessage, options: WechatEndpointOptions): Promise<boolean> {
  const signed = createHmac('sha256', options.salt).update(`${query.timestamp}\n${query.nonce}\n${query.signature}\n${query.msg_signature}`).digest('hex').slice(0, 32);
  const key = `wechat:signed-url:${signed}`;
  const carried = dedupeKey(message, options.salt);
  // Durable, unlike the dedupe entry: in plaintext mode a claim lost to a power cut would let a URL
  // captured in the minutes before it carry any message, as anyone, for the rest of its skew window.
  if (await options.kv.put(key, carried, { ifAbsent: true, ttlMs: 2 * options.maxSkewSeconds * 1000 })) return true;
  return (await options.kv.get(key))?.value === carried;
}

/**
 * Retries carry the same MsgId; events have none, so FromUserName + CreateTime names them (with the
 * event and its key, so a follow and a menu click in the same second stay two). The openid is hashed.
 */
export function dedupeKey(message: WechatMessage, salt: string): string {
  const user = openidHash(salt, message.fromUserName);
  const event = createHmac('sha256', salt).update(`${message.event ?? ''}:${message.eventKey ?? ''}`).digest('hex').slice(0, 12);
  return `${KEYSPACE.wechatDedupe}${user}:${message.msgId ?? `event-${message.createTime}-${event}`}`;
}

/**
 * Every request that fails a check gets the same answer, 400 `bad request`, so a prober learns
 * nothing about which check failed; the log says which, by its code. Anything else is a bug (500).
 */
function refuse(res: restify.Response, error: unknown, logger: Logger): void {
  if (!isWechatError(error)) throw error;
  logger.warn({ code: error.code }, 'wechat request refused');
  sendText(res, 400, 'bad request');
}

// restify's res.send would JSON-quote a string: WeChat wants the raw text.
function sendText(res: restify.Response, status: number, text: string): void {
  res.sendRaw(status, text, { 'Content-Type': 'text/plain; charset=utf-8' });
}

function sendXml(res: restify.Response, xml: string): void {
  res.sendRaw(200, xml, { 'Content-Type': 'application/xml; charset=utf-8' });
}
