/**
 * zod types for the contact channels a publisher lists: phone, e-mail, QQ, WeChat, Weibo.
 * Each error message is an i18n key (see locales/*\/translation.json, `validation.*`), so the
 * same schema can answer a Teams card, a WeChat reply and an import file in the user's language.
 */
import { z } from 'zod';
import { normalizePhone, phoneProblem } from './phone';
import { normalizeTyped } from './typedText';

/** A string as the user typed it, normalized (full-width forms, IME punctuation) before any rule reads it. */
const typed = () => z.string({ error: 'validation.required' }).transform(normalizeTyped);

/** A refusal that says why: a locale key and the values its message names. */
function refuse(ctx: z.RefinementCtx, problem: { key: string; params?: Record<string, string | number> }): never {
  ctx.addIssue({ code: 'custom', message: problem.key, ...(problem.params ? { params: problem.params } : {}) });
  return z.NEVER;
}

export const phone = typed().transform((value, ctx) => normalizePhone(value) ?? refuse(ctx, phoneProblem(value)));

export const email = typed()
  .transform((value, ctx) => (value.length <= 254 ? value : refuse(ctx, tooLong(value, 254))))
  .transform((value, ctx) => (value.includes('@') ? value : refuse(ctx, { key: 'validation.emailNoAt' })))
  .transform((value, ctx) => {
    const problem = emailProblem(value);
    return problem ? refuse(ctx, problem) : value;
  })
  .pipe(z.email({ error: 'validation.email' }))
  .transform((value) => value.toLowerCase());

/** What is wrong with an address that has an @, in terms of what was typed; undefined when nothing obvious is. */
function emailProblem(value: string): { key: string; params?: Record<string, number> } | undefined {
  const ats = value.split('@').length - 1;
  if (ats > 1) return { key: 'validation.emailAtCount', params: { count: ats } };
  if (/\s/.test(value)) return { key: 'validation.emailSpace' };
  const [local, domain] = value.split('@') as [string, string];
  if (local === '') return { key: 'validation.emailNoLocal' };
  if (!/^[^.]+(\.[^.]+)+$/.test(domain)) return { key: 'validation.emailDomain' };
  return undefined;
}

/** A user principal name: the sign-in name of an AAD account, shaped like an e-mail address. */
export const upn = email.transform((value, ctx) => (value.length <= 113 ? value : refuse(ctx, tooLong(value, 113))));

/** "N characters typed; at most M": a refusal for a value that is too long. */
function tooLong(value: string, max: number): { key: string; params: Record<string, number> } {
  return { key: 'validation.tooLongTyped', params: { length: [...value].length, max } };
}

/** A QQ number; clients check the same pattern before sending. */
export const QQ_PATTERN = /^[1-9]\d{4,10}$/;

/** A WeChat ID; clients check the same pattern before sending. */
export const WECHAT_ID_PATTERN = /^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/;

export const qq = typed().transform((value, ctx) => {
  if (QQ_PATTERN.test(value)) return value;
  if (!/^\d+$/.test(value)) return refuse(ctx, { key: 'validation.qqDigits' });
  if (value.startsWith('0')) return refuse(ctx, { key: 'validation.qqLeadingZero', params: { digits: value.length } });
  return refuse(ctx, { key: 'validation.qqLength', params: { digits: value.length } });
});

export const wechatId = typed().transform((value, ctx) => {
  if (WECHAT_ID_PATTERN.test(value)) return value;
  if (!/^[a-zA-Z]/.test(value)) return refuse(ctx, { key: 'validation.wechatStart' });
  if (!/^[-_a-zA-Z0-9]+$/.test(value)) return refuse(ctx, { key: 'validation.wechatCharacters' });
  return refuse(ctx, { key: 'validation.wechatLength', params: { length: value.length } });
});

const WEIBO_NICKNAME = /^@?[\p{Script=Han}A-Za-z0-9_-]+$/u;
const WEIBO_UID = /^\d{5,12}$/;
const WEIBO_URL = /^https?:\/\/(?:www\.|m\.)?weibo\.(?:com|cn)\/(?:u\/)?[\p{Script=Han}A-Za-z0-9_-]+\/?$/u;
// Links copied from the app carry tracking parameters (?refer_flag=…): they are not part of the account.
const withoutQuery = (value: string): string => value.replace(/^(https?:\/\/[^?#]+)[?#].*$/, '$1');
// "weibo.com/u/123" as people write it on a business card is the same profile link.
const withScheme = (value: string): string => (/^(?:www\.|m\.)?weibo\.(?:com|cn)\//.test(value) ? `https://${value}` : value);

/** Weibo measures a nickname in half-width units: a Chinese character counts as two (4–30 units). */
export function weiboNicknameWidth(nickname: string): number {
  return [...nickname.replace(/^@/, '')].reduce((width, char) => width + (/\p{Script=Han}/u.test(char) ? 2 : 1), 0);
}

/** A Weibo account given as a nickname, a numeric UID or a profile URL (with or without https://). */
export const weibo = typed()
  .transform(withoutQuery)
  .transform(withScheme)
  .transform((value, ctx) => {
    if (WEIBO_UID.test(value) || WEIBO_URL.test(value)) return value;
    // Not a link we know and not a nickname: say which, from what the text looks like.
    if (/^[a-z][a-z0-9+.-]*:|\//i.test(value)) return refuse(ctx, { key: 'validation.weiboLink' });
    if (!WEIBO_NICKNAME.test(value)) return refuse(ctx, { key: 'validation.weiboCharacters' });
    const width = weiboNicknameWidth(value);
    return width >= 4 && width <= 30 ? value : refuse(ctx, { key: 'validation.weiboNicknameLength', params: { width } });
  });

/** A person's or company's name: no control characters, no markup that a card could render. */
export function displayText(max: number) {
  return typed().transform((value, ctx) => {
    if (value === '') return refuse(ctx, { key: 'validation.required' });
    if ([...value].length > max) return refuse(ctx, tooLong(value, max));
    return /^[^<>\p{Cc}]*$/u.test(value) ? value : refuse(ctx, { key: 'validation.characters' });
  });
}

/** A name that is only digits or a phone number was probably typed into the wrong field: worth a warning, not a refusal. */
export function looksLikeNumber(name: string): boolean {
  return /^[\d\s+\-()]+$/.test(normalizeTyped(name));
}

/** Empty strings in optional fields mean "none": a cleared form field must not fail validation. */
export function optional<T extends z.ZodType<string>>(schema: T) {
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
}
