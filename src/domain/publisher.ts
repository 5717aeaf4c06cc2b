/**
 * The personal data the marketplace keeps about a publisher, as zod schemas. These field names
 * are the import/export format: keep them exactly.
 */
import { z } from 'zod';
import { creditCode } from './creditCode';
import { displayText, optional, upn } from './contactFields';
import { CONTACT_FIELDS, CUSTOMER_SERVICE_FIELDS, shapeOf } from './fieldSpecs';

const ID_PATTERN = /^[a-z0-9_-]+$/;

export const publisherId = z
  .string({ error: 'validation.required' })
  .min(1, { error: 'validation.required' })
  .max(64, { error: 'validation.tooLong' })
  .regex(ID_PATTERN, { error: 'validation.id' });

export const offerId = z
  .string({ error: 'validation.required' })
  .min(1, { error: 'validation.required' })
  .max(50, { error: 'validation.tooLong' })
  .regex(ID_PATTERN, { error: 'validation.id' });

export { creditCode } from './creditCode';
export { upn } from './contactFields';

export const contactSchema = z.strictObject(shapeOf(CONTACT_FIELDS));

export const aadRoles = ['admin', 'member'] as const;

export const aadAccountSchema = z.strictObject({
  // Whatever Teams sends as aadObjectId; the Agents Playground's is not a strict GUID.
  objectId: optional(z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, { error: 'validation.objectId' })),
  upn,
  displayName: optional(displayText(100)),
  role: z.enum(aadRoles, { error: 'validation.role' }),
});

/** A role change on its own: the same rule as the role of a new account. */
export const aadRoleChangeSchema = aadAccountSchema.pick({ role: true });

export const customerServiceSchema = z.strictObject(shapeOf(CUSTOMER_SERVICE_FIELDS));

export const offerKinds = ['virtualMachine', 'solutionTemplate', 'service'] as const;

export const offerSchema = z.strictObject({
  id: offerId,
  name: displayText(100),
  kind: z.enum(offerKinds, { error: 'validation.offerKind' }),
  customerService: customerServiceSchema,
});

export const requestRecordSchema = z.strictObject({
  id: z.string().trim().min(1, { error: 'validation.required' }).max(64).regex(/^[A-Za-z0-9_-]+$/, { error: 'validation.id' }),
  kind: displayText(50),
  submittedAt: z.iso.datetime({ offset: true, error: 'validation.dateTime' }),
  status: displayText(30),
  summary: displayText(500),
});

export const contactInfoSchema = z.strictObject({
  companyName: displayText(200),
  creditCode: optional(creditCode),
  contacts: z.array(contactSchema).min(1, { error: 'validation.atLeastOneContact' }).max(20, { error: 'validation.tooMany' }),
});

export const publisherSchema = z
  .strictObject({
    id: publisherId,
    companyName: displayText(200),
    creditCode: optional(creditCode),
    contacts: contactInfoSchema.shape.contacts,
    aadAccounts: z.array(aadAccountSchema).min(1, { error: 'validation.atLeastOneAdmin' }).max(100, { error: 'validation.tooMany' }),
    offers: z.array(offerSchema).max(500, { error: 'validation.tooMany' }),
    requestRecords: z.array(requestRecordSchema).max(10_000, { error: 'validation.tooMany' }),
  })
  // Runs even when fields are invalid (`when`), so an import lists these problems with all the others.
  .check(z.superRefine(checkAccountsAndIds, { when: () => true }));

/** Rules across records: an admin among the accounts, no two accounts, offers or records sharing an id. */
function checkAccountsAndIds(publisher: Publisher, ctx: z.RefinementCtx): void {
  // The value may be unvalidated here (even not an object): read it defensively.
  if (typeof publisher !== 'object' || publisher === null) return;
  const list = (value: unknown): Record<string, unknown>[] =>
    Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
  const accounts = list(publisher.aadAccounts);
  if (accounts.length > 0 && !accounts.some((account) => account.role === 'admin')) {
    ctx.addIssue({ code: 'custom', path: ['aadAccounts'], message: 'validation.atLeastOneAdmin' });
  }
  reportDuplicates(ctx, accounts.map((a) => (typeof a.upn === 'string' ? a.upn.trim().toLowerCase() : a.upn)), 'aadAccounts', 'upn');
  reportDuplicates(ctx, list(publisher.offers).map((o) => o.id), 'offers', 'id');
  reportDuplicates(ctx, list(publisher.requestRecords).map((r) => r.id), 'requestRecords', 'id');
}

function reportDuplicates(ctx: z.RefinementCtx, values: unknown[], list: string, field: string): void {
  const seen = new Set<unknown>();
  values.forEach((value, index) => {
    if (typeof value !== 'string') return;
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [list, index, field], message: 'validation.duplicate' });
    seen.add(value);
  });
}

export type Contact = z.output<typeof contactSchema>;
export type AadAccount = z.output<typeof aadAccountSchema>;
export type AadRole = AadAccount['role'];
export type CustomerService = z.output<typeof customerServiceSchema>;
export type Offer = z.output<typeof offerSchema>;
export type OfferKind = Offer['kind'];
export type RequestRecord = z.output<typeof requestRecordSchema>;
export type ContactInfo = z.output<typeof contactInfoSchema>;
export type Publisher = z.output<typeof publisherSchema>;
