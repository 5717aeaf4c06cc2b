/** A bot server with the /wechat endpoint on, WeChat's side of it, binding codes from Teams, and reading WeChat answers. */
import { randomBytes } from 'node:crypto';
import { WechatMessageCrypto } from '../../src/wechat/protocol/crypto';
import { WechatPeer } from './wechatPeer';
import { cardText, type Card } from './chat';
import { USERS } from './fixtures';
import { HttpChannel, type RunningServer } from './server';

export const WECHAT = {
  token: 'e2eToken2024',
  appId: 'wx1234567890abcdef',
  account: 'gh_privacy_test',
  // Any 43 characters of [A-Za-z0-9] form a valid EncodingAESKey.
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
} as const;

/** Environment for a server in plaintext or safe mode. */
export function wechatEnv(mode: 'plain' | 'aes', extra: Record<string, string> = {}): Record<string, string> {
  return { WECHAT_TOKEN: WECHAT.token, WECHAT_APP_ID: WECHAT.appId, ...(mode === 'aes' ? { WECHAT_ENCODING_AES_KEY: WECHAT.aesKey } : {}), ...extra };
}

export function wechatPeer(server: RunningServer, mode: 'plain' | 'aes', options: { appId?: string; now?: () => number } = {}): WechatPeer {
  return new WechatPeer({
    url: server.url,
    token: WECHAT.token,
    account: WECHAT.account,
    ...(mode === 'aes' ? { crypto: new WechatMessageCrypto({ appId: options.appId ?? WECHAT.appId, encodingAesKey: WECHAT.aesKey }) } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

/** A new WeChat user. */
export function newOpenid(): string {
  return `o${randomBytes(12).toString('base64url')}`;
}

/** A binding code, asked for in Teams by the demo publisher's admin. */
export async function bindingCode(server: RunningServer): Promise<string> {
  const replies = await new HttpChannel(server, USERS.admin, 'zh-CN').say('微信绑定');
  return codeIn(cardText(replies.at(-1)?.attachments?.[0]?.content as Card));
}

/** The six-digit code on a WeChat binding-code card. */
export function codeIn(text: string): string {
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no binding code in:\n${text}`);
  return code;
}

/** The number of the choice titled `title` in a WeChat answer (Chinese), the first after the line holding `after`. */
export function choiceNumber(text: string, title: string, after?: string): string {
  const start = after === undefined ? 0 : text.indexOf(after);
  if (start < 0) throw new Error(`"${after}" not in:\n${text}`);
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(`回复 (\\d+)：${escaped}`).exec(text.slice(start))?.[1];
  if (!found) throw new Error(`no choice "${title}" after "${after ?? ''}" in:\n${text}`);
  return found;
}
