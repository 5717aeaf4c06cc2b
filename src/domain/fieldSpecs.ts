/**
 * One spec per personal-data field a user edits in a form: its zod schema, the kind of input, whether
 * it is required, the pattern a client may check before sending, how chat shows it back (mask),
 * its refusal message, and a valid sample value. The schemas, the views (Teams cards and WeChat
 * forms), the residue scans and the tests all map over these lists, so a new field is this file
 * plus its labels in the two locale files (`fields.cs.<name>`, `validation.<name>`).
 */
import type { z } from 'zod';
import { displayText, email, optional, phone, QQ_PATTERN, qq, upn, WECHAT_ID_PATTERN, wechatId, weibo } from './contactFields';
import { creditCode } from './creditCode';

/** How a value is shown back in chat, where a screen may be read over a shoulder. */
export type MaskRule = 'none' | 'phone' | 'email';

export interface FieldSpec {
  schema: z.ZodType;
  /** The input a form offers: plain text, an e-mail address or a telephone number. */
  input: 'text' | 'email' | 'tel';
  required: boolean;
  maxLength?: number;
  /** A client-side check (it must compile without the `u` flag); the server validates regardless. */
  clientPattern?: string;
  mask: MaskRule;
  /** The locale key of the message shown when the value is refused. */
  message: string;
  /** A valid value made from `seed` (lowercase letters and digits, 8 to 12 of them): demo data and test markers. */
  sample(seed: string): string;
}

const personName = {
  schema: displayText(50),
  input: 'text',
  required: true,
  maxLength: 50,
  mask: 'none',
  message: 'validation.required',
  sample: (seed) => `MKR-${seed}-name`,
} as const satisfies FieldSpec;

const phoneNumber = {
  schema: phone,
  input: 'tel',
  required: true,
  maxLength: 254,
  mask: 'phone',
  message: 'validation.phone',
  sample: (seed) => `+86139${digitsOf(seed, 8)}`,
} as const satisfies FieldSpec;

const emailAddress = {
  schema: email,
  input: 'email',
  required: true,
  maxLength: 254,
  mask: 'email',
  message: 'validation.email',
  sample: (seed) => `mkr-${seed}@example.com`,
} as const satisfies FieldSpec;

/** A contact person of the publisher. */
export const CONTACT_FIELDS = { name: personName, phone: phoneNumber, email: emailAddress } as const satisfies Record<string, FieldSpec>;

/** The customer-service information of one offer, in the order forms and views show it. */
export const CUSTOMER_SERVICE_FIELDS = {
  name: personName,
  phone: phoneNumber,
  email: emailAddress,
  qq: {
    schema: optional(qq),
    input: 'text',
    required: false,
    clientPattern: QQ_PATTERN.source,
    mask: 'none',
    message: 'validation.qq',
    sample: (seed) => `9${digitsOf(seed, 10)}`,
  },
  wechat: {
    schema: optional(wechatId),
    input: 'text',
    required: false,
    clientPattern: WECHAT_ID_PATTERN.source,
    mask: 'none',
    message: 'validation.wechat',
    sample: (seed) => `mkrwx${seed}`,
  },
  weibo: {
    schema: optional(weibo),
    input: 'text',
    required: false,
    mask: 'none',
    message: 'validation.weibo',
    sample: (seed) => `MKR${seed}wb`,
  },
} as const satisfies Record<string, FieldSpec>;

/** The company itself, edited in the contact form. */
export const COMPANY_FIELDS = {
  companyName: { ...personName, schema: displayText(200), maxLength: 200, sample: (seed) => `MKR-${seed}-company` },
  creditCode: {
    schema: optional(creditCode),
    input: 'text',
    required: false,
    maxLength: 18,
    clientPattern: '^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$',
    mask: 'none',
    message: 'validation.creditCode',
    sample: (seed) => `9131${digitsOf(seed, 13)}X`,
  },
} as const satisfies Record<string, FieldSpec>;

/** An AAD account as an admin adds it. */
export const ACCOUNT_FIELDS = {
  upn: { ...emailAddress, schema: upn, maxLength: 113, sample: (seed) => `mkr-${seed}@contoso.partner.onmschina.cn` },
  displayName: { ...personName, schema: optional(displayText(100)), required: false, maxLength: 100 },
} as const satisfies Record<string, FieldSpec>;

export type CustomerServiceField = keyof typeof CUSTOMER_SERVICE_FIELDS;
export type ContactField = keyof typeof CONTACT_FIELDS;

const SPEC_LISTS = { contact: CONTACT_FIELDS, customerService: CUSTOMER_SERVICE_FIELDS, company: COMPANY_FIELDS, account: ACCOUNT_FIELDS } as const;

/**
 * Which spec a form field is (`contact.phone`, `customerService.qq`): plain data a form carries, so
 * a client that asks one field at a time (WeChat) checks each answer with the schema the service uses.
 */
export type SpecRef = { [L in keyof typeof SPEC_LISTS]: `${L}.${keyof (typeof SPEC_LISTS)[L] & string}` }[keyof typeof SPEC_LISTS];

/** The spec a reference names; undefined for anything else (a reference read back from stored state). */
export function specOf(ref: string | undefined): FieldSpec | undefined {
  const [list, name] = (ref ?? '').split('.');
  const specs: Record<string, FieldSpec> | undefined = Object.hasOwn(SPEC_LISTS, list ?? '') ? SPEC_LISTS[list as keyof typeof SPEC_LISTS] : undefined;
  return specs && name && Object.hasOwn(specs, name) ? specs[name] : undefined;
}

/** The field names of a spec list, in order. */
export function fieldNames<T extends Record<string, FieldSpec>>(specs: T): (keyof T & string)[] {
  return Object.keys(specs);
}

/** The zod object shape of a spec list: each field's schema under its name. */
export function shapeOf<T extends Record<string, FieldSpec>>(specs: T): { [K in keyof T]: T[K]['schema'] } {
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.schema])) as { [K in keyof T]: T[K]['schema'] };
}

// Decimal digits drawn from the seed's characters, so a sample is as unique as its seed.
function digitsOf(seed: string, count: number): string {
  let digits = '';
  for (let i = 0; digits.length < count; i++) digits += String((seed.charCodeAt(i % seed.length) * (i + 7)) % 10);
  return digits;
}
