/** Contact information: the company and its contact persons. */
import type { FieldError } from '../domain/validation';
import type { Translate } from '../i18n';
import { CONTACT_FIELDS, fieldNames } from '../domain/fieldSpecs';
import type { Contact, Publisher } from '../domain/publisher';
import { contactInfoVersion, contactVersion, fieldStamps } from '../domain/partVersions';
import { backToMenu, formLevelErrors, markChanged, navigation, versioned, withErrors } from './common';
import { PAGE_SIZES, pageActions, pageLine, pageOf } from './pager';
import { OwnText, type ActionData, type FormField, type View } from './view';

/** The most contact rows a form has: the schema's 20 contacts and a blank one. */
const MAX_ROWS = 21;

/** The company and one page of its contacts (`page` from 0); contacts are numbered across pages. */
export function contactInfoView(t: Translate, publisher: Publisher, notice?: View['notice'], page = 0): View {
  const shown = pageOf(publisher.contacts, page, PAGE_SIZES.contacts);
  const pageText = pageLine(t, shown);
  return {
    title: OwnText.of(t, 'contact.title'),
    subtitle: publisher.companyName,
    ...(notice ? { notice } : {}),
    ...(pageText ? { paragraphs: [pageText] } : {}),
    facts: [
      { label: t('fields.companyName'), value: publisher.companyName },
      { label: t('fields.creditCode'), value: publisher.creditCode ?? t('common.none') },
    ],
    sections: shown.items.map((contact, i) => {
      const index = shown.offset + i;
      return {
        heading: t('contact.heading', { n: index + 1 }),
        facts: contactFacts(t, contact),
        // Removing is its own action, confirmed like an offer's deletion; the last contact says why it stays.
        actions: [navigation('contact.remove', t('contact.remove'), { contact: index }, 'destructive')],
      };
    }),
    actions: [navigation('contact.edit', t('contact.edit'), {}, 'positive'), ...pageActions(t, shown, 'contact.view'), backToMenu(t)],
    refresh: navigation('contact.view', t('contact.title'), { page: shown.index }),
  };
}

function contactFacts(t: Translate, contact: Contact): { label: string; value: string }[] {
  return [
    { label: t('fields.name'), value: contact.name },
    { label: t('fields.phone'), value: contact.phone },
    { label: t('fields.email'), value: contact.email },
  ];
}

/** Shows exactly who a removal takes away; the action carries that contact's version, so a changed contact is confirmed again. */
export function contactRemoveConfirmView(t: Translate, publisher: Publisher, index: number): View {
  const contact = publisher.contacts[index];
  return {
    title: OwnText.of(t, 'contact.removeTitle'),
    subtitle: publisher.companyName,
    notice: { tone: 'warning', text: t('contact.removeWarning') },
    ...(contact ? { sections: [{ heading: t('contact.heading', { n: index + 1 }), facts: contactFacts(t, contact) }] } : {}),
    actions: [
      versioned('contact.remove.execute', t('contact.removeConfirm'), contactVersion(contact), { contact: index }, 'destructive'),
      { verb: 'contact.view', title: t('actions.cancel') },
    ],
  };
}

/** How many contact rows the form has: the current contacts plus a blank one, or as many as were submitted. */
function formRows(publisher: Publisher, submitted?: ActionData): number {
  const submittedRows = Math.min(Number(submitted?.rows ?? 0) || 0, MAX_ROWS);
  return Math.max(publisher.contacts.length + 1, submittedRows);
}

/** The stored value of every field of the contact form, by field name (blank for the new row). */
export function contactFormValues(publisher: Publisher, submitted?: ActionData): Record<string, string> {
  const values: Record<string, string> = { companyName: publisher.companyName, creditCode: publisher.creditCode ?? '' };
  for (let row = 0; row < formRows(publisher, submitted); row++) {
    for (const field of fieldNames(CONTACT_FIELDS)) values[`contact.${row}.${field}`] = publisher.contacts[row]?.[field] ?? '';
  }
  return values;
}

/**
 * The edit form: the current contacts plus one blank row for a new one. After a refused or stale
 * submit it shows what was submitted, the refused fields, and the fields others changed meanwhile.
 */
export function contactEditView(t: Translate, publisher: Publisher, submitted?: ActionData, errors: FieldError[] = [], changedSince: string[] = []): View {
  const rows = formRows(publisher, submitted);
  const stored = contactFormValues(publisher, submitted);
  // A field the submit did not carry (a row added meanwhile) shows its stored value.
  const value = (name: string): string => (submitted && name in submitted ? String(submitted[name]) : stored[name] ?? '');
  const fields: FormField[] = [
    { name: 'companyName', label: t('fields.companyName'), kind: 'text', spec: 'company.companyName', group: t('contact.companyGroup'), required: true, maxLength: 200, value: value('companyName'), errorMessage: t('validation.required') },
    { name: 'creditCode', label: t('fields.creditCode'), kind: 'text', spec: 'company.creditCode', group: t('contact.companyGroup'), maxLength: 18, pattern: '^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$', value: value('creditCode'), errorMessage: t('validation.creditCode'), placeholder: t('contact.creditCodeHint') },
  ];
  for (let row = 0; row < rows; row++) {
    const contact = publisher.contacts[row];
    const heading = contact ? t('contact.heading', { n: row + 1 }) : t('contact.newHeading');
    // A stored contact's fields are required (clearing them does not remove it); the new row may stay blank.
    for (const field of fieldNames(CONTACT_FIELDS)) {
      const spec = CONTACT_FIELDS[field];
      fields.push({
        name: `contact.${row}.${field}`,
        label: `${heading} · ${t(`fields.${field}`)}`,
        kind: spec.input,
        spec: `contact.${field}`,
        group: contact ? t('contact.group', { heading, name: contact.name }) : heading,
        value: value(`contact.${row}.${field}`),
        ...(spec.maxLength ? { maxLength: spec.maxLength } : {}),
        // A placeholder shows only in an empty input: the new row's (a stored contact's are never empty).
        ...(spec.input === 'tel' && !contact ? { placeholder: t('fields.phoneHint') } : {}),
        // The card's own check names the field; the server's refusal (validation.contactBlank) explains removal.
        // A short message: 60 of them ride on the form, which must stay under Teams' message size.
        ...(contact ? { required: true, errorMessage: t('validation.required') } : {}),
        mask: spec.mask,
      });
    }
  }
  const loose = formLevelErrors(t, errors, (path) => contactFieldName(path, submitted));
  const notice = errors.length
    ? { tone: 'attention' as const, text: loose ?? t('errors.E-VALIDATION') }
    : changedSince.length
      ? { tone: 'warning' as const, text: t('stale.formChanged') }
      : undefined;
  return {
    title: OwnText.of(t, 'contact.editTitle'),
    subtitle: publisher.companyName,
    ...(notice ? { notice } : {}),
    paragraphs: [t('contact.editHint')],
    form: {
      fields: markChanged(t, withErrors(t, fields, errors, (path) => contactFieldName(path, submitted)), changedSince, stored),
      // The version and stamps of what is stored now: saving this form again is not stale.
      // `existing`: how many rows are stored contacts, so a blank one among them is refused, not dropped.
      submit: versioned('contact.save', t('actions.save'), contactInfoVersion(publisher), { rows, existing: publisher.contacts.length, ...fieldStamps(stored) }, 'positive'),
    },
    actions: [{ verb: 'contact.view', title: t('actions.cancel') }],
  };
}

/**
 * The contact info a submitted form describes, row by row: a row is the stored contact at its
 * position. A stored contact's row is passed on even when blank (the service refuses it: clearing
 * is not removing); only new rows left blank are dropped.
 */
export function contactInfoFromForm(data: ActionData): { input: unknown; rowOf: number[] } {
  const rows = Math.min(Number(data.rows ?? 0) || 0, MAX_ROWS);
  // A card from before `existing` was carried had exactly one new row, the last.
  const existing = Number.isInteger(data.existing) ? Number(data.existing) : rows - 1;
  const contacts: Record<string, string>[] = [];
  const rowOf: number[] = [];
  for (let row = 0; row < rows; row++) {
    const contact = Object.fromEntries(fieldNames(CONTACT_FIELDS).map((field) => [field, String(data[`contact.${row}.${field}`] ?? '').trim()]));
    if (row >= existing && Object.values(contact).every((v) => v === '')) continue;
    contacts.push(contact);
    rowOf.push(row);
  }
  const input = { companyName: String(data.companyName ?? ''), creditCode: String(data.creditCode ?? ''), contacts };
  return { input, rowOf };
}

/** Maps an error path of the contact info (`contacts[1].phone`) to the form field it came from. */
export function contactFieldName(path: string, submitted: ActionData | undefined): string | undefined {
  if (path === 'companyName' || path === 'creditCode') return path;
  const match = /^contacts\[(\d+)\]\.(\w+)$/.exec(path);
  if (!match || !Object.hasOwn(CONTACT_FIELDS, match[2]!)) return undefined;
  // New rows left blank were dropped before validation: error index i is the i-th row passed on.
  const rows = submitted ? contactInfoFromForm(submitted).rowOf : [];
  const row = rows[Number(match[1])] ?? Number(match[1]);
  return `contact.${row}.${match[2]}`;
}
