/**
 * zod types for the contact channels a publisher lists: phone, e-mail, QQ, WeChat, Weibo.
 * Each error message is an i18n key (see locales/*\/translation.json, `validation.*`), so the
 * same schema can answer a Teams card, a WeChat reply and an import file in the user's language.
 */
import { z } from 'zod';
import { normalizePhone } from './phone';

export const phone = z
  .string({ error: 'validation.required' })
  .transform((value, ctx) => {
    const normalized = normalizePhone(value);
    if (normalized === undefined) {
      ctx.addIssue({ code: 'custom', message: 'validation.phone' });
      return z.NEVER;
    }
    return normalized;
  });

export const email = z
  .string({ error: 'validation.required' })
  .trim()
  .max(254, { error: 'validation.email' })
  .pipe(z.email({ error: 'validation.email' }))
  .transform((value) => value.toLowerCase());

export const qq = z
  .string()
  .trim()
  .regex(/^[1-9]\d{4,10}$/, { error: 'validation.qq' });

export const wechatId = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/, { error: 'validation.wechat' });

const WEIBO_NICKNAME = /^@?[\p{Script=Han}A-Za-z0-9_-]{4,30}$/u;
const WEIBO_UID = /^\d{5,12}$/;
const WEIBO_URL = /^https?:\/\/(?:www\.|m\.)?weibo\.(?:com|cn)\/(?:u\/)?[\p{Script=Han}A-Za-z0-9_-]+\/?$/u;
// Links copied from the app carry tracking parameters (?refer_flag=…): they are not part of the account.
const withoutQuery = (value: string): string => value.replace(/^(https?:\/\/[^?#]+)[?#].*$/, '$1');

/** A Weibo account given as a nickname, a numeric UID or a profile URL. */
export const weibo = z
  .string()
  .trim()
  .transform(withoutQuery)
  .refine((value) => WEIBO_NICKNAME.test(value) || WEIBO_UID.test(value) || WEIBO_URL.test(value), {
    error: 'validation.weibo',
  });

/** A person's or company's name: no control characters, no markup that a card could render. */
export function displayText(max: number) {
  return z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.tooLong' })
    .regex(/^[^<>\p{Cc}]*$/u, { error: 'validation.characters' });
}

/** Empty strings in optional fields mean "none": a cleared form field must not fail validation. */
export function optional<T extends z.ZodType<string>>(schema: T) {
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
}
