/**
 * WeChat request signatures: sha1 over the lexically sorted parts, concatenated.
 * Plain and compatible mode sign `[token, timestamp, nonce]` (`signature`); safe mode also signs
 * the `<Encrypt>` payload (`msg_signature`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** sha1 (lowercase hex) of the parts sorted lexically and joined without separator. */
export function sortedSha1(parts: readonly string[]): string {
  // Default sort compares UTF-16 code units, as Tencent's Java sample does; WeChat's parts are ASCII.
  return createHash('sha1').update([...parts].sort().join(''), 'utf8').digest('hex');
}

/** The `signature` WeChat sends on every callback (and on the URL check with `echostr`). */
export function urlSignature(token: string, timestamp: string, nonce: string): string {
  return sortedSha1([token, timestamp, nonce]);
}

/** The safe-mode `msg_signature`, which also covers the encrypted payload. */
export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sortedSha1([token, timestamp, nonce, encrypt]);
}

/** Compares a received hex signature with the expected one in constant time. */
export function signaturesEqual(received: string, expected: string): boolean {
  const a = Buffer.from(received.toLowerCase(), 'utf8');
  const b = Buffer.from(expected.toLowerCase(), 'utf8');
  // The length of a sha1 hex digest is public, so leaving early on a length mismatch leaks nothing.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether `signature` is the valid plain signature for this token, timestamp and nonce. */
export function verifyUrlSignature(token: string, timestamp: string, nonce: string, signature: string): boolean {
  return signaturesEqual(signature, urlSignature(token, timestamp, nonce));
}

/** Whether `signature` is the valid safe-mode msg_signature for this payload. */
export function verifyMsgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
  signature: string,
): boolean {
  return signaturesEqual(signature, msgSignature(token, timestamp, nonce, encrypt));
}

/**
 * Whether `timestamp` (seconds since the epoch, as WeChat sends it) lies within `maxSkewSeconds`
 * of `nowMs`. Bounds replays of a captured request; WeChat's own retries come within ~15 s.
 */
export function isTimestampFresh(timestamp: string, nowMs: number, maxSkewSeconds: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= maxSkewSeconds;
}
