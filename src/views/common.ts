/** Pieces several views share: notices, field names for change summaries, dates, versioned and navigation actions. */
import { translator, type Locale, type Translate } from '../i18n';
import { specOf, type SpecRef } from '../domain/fieldSpecs';
import type { FieldError } from '../domain/validation';
import type { Verb } from '../tasks/registry';
import { describeField, type PathNames } from './fieldNames';
import type { ActionData, FormField, View, ViewAction } from './view';

/** A notice for an error or warning locale key. */
export function notice(t: Translate, tone: NonNullable<View['notice']>['tone'], key: string, options: Record<string, unknown> = {}): View['notice'] {
  return { tone, text: t(key, options) };
}

/** A short list of the fields that changed, for the confirmation after a save. */
export function changeSummary(t: Translate, changedFields: string[], names?: PathNames): string {
  const labels = [...new Set(changedFields.map((path) => describeField(t, path, names)))];
  const shown = labels.slice(0, 6).join(t('common.listSeparator'));
  return labels.length > 6 ? t('common.andMore', { list: shown, count: labels.length - 6 }) : shown;
}

// One formatter per locale: building an Intl.DateTimeFormat costs far more than formatting with it.
const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

function dateTimeFormat(locale: Locale): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(locale);
  if (format === undefined) {
    // Every time is shown in China time, and says so: a receipt is read by people in other zones too.
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
    dateTimeFormats.set(locale, format);
  }
  return format;
}

export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = dateTimeFormat(locale).format(date);
  return translator(locale)('common.chinaTime', { time });
}

/**
 * An action that changes data, carrying the version of the part it changes (src/domain/partVersions),
 * so a submit from a card whose part changed since is recognized as stale.
 */
export function versioned(verb: Verb, title: string, version: string, data: ActionData = {}, style?: ViewAction['style']): ViewAction {
  return { verb, title, data: { ...data, v: version }, ...(style ? { style } : {}) };
}

/** An action that only shows something (a detail, a form, a confirmation): never refused as stale. */
export function navigation(verb: Verb, title: string, data: ActionData = {}, style?: ViewAction['style']): ViewAction {
  return { verb, title, ...(Object.keys(data).length ? { data } : {}), ...(style ? { style } : {}) };
}

export function backToMenu(t: Translate): ViewAction {
  return { verb: 'menu', title: t('actions.menu') };
}

/** The form input for a field spec: its input kind, requirement, client pattern, mask and refusal message. */
export function formField(t: Translate, name: string, ref: SpecRef, label: string, value: string): FormField {
  const spec = specOf(ref);
  if (!spec) throw new Error(`no field spec ${ref}`);
  const placeholder = spec.input === 'tel' ? t('fields.phoneHint') : spec.required ? undefined : t('common.optional');
  return {
    name,
    label,
    kind: spec.input,
    spec: ref,
    value,
    required: spec.required,
    errorMessage: t(spec.message),
    ...(spec.clientPattern ? { pattern: spec.clientPattern } : {}),
    ...(placeholder ? { placeholder } : {}),
    mask: spec.mask,
  };
}

/** Marks the fields the server refused, with the message in the user's language. */
export function withErrors(t: Translate, fields: FormField[], errors: FieldError[], fieldNameOf: (path: string) => string | undefined): FormField[] {
  const messages = new Map<string, string>();
  for (const error of errors) {
    const name = fieldNameOf(error.path);
    if (name && !messages.has(name)) messages.set(name, t(error.messageKey, error.params));
  }
  return fields.map((field) => {
    const message = messages.get(field.name);
    return message ? { ...field, invalid: true, errorMessage: message } : field;
  });
}

/** Form errors that belong to no single field (e.g. "at least one contact"), as one line. */
export function formLevelErrors(t: Translate, errors: FieldError[], fieldNameOf: (path: string) => string | undefined): string | undefined {
  const loose = errors.filter((error) => !fieldNameOf(error.path)).map((error) => t(error.messageKey, error.params));
  return loose.length ? [...new Set(loose)].join(' ') : undefined;
}

/** Marks the fields someone else changed since the form was shown, naming their new value. */
export function markChanged(t: Translate, fields: FormField[], changedSince: string[], stored: Record<string, string>): FormField[] {
  const changed = new Set(changedSince);
  return fields.map((field) => {
    if (!changed.has(field.name)) return field;
    const now = stored[field.name] ?? '';
    const shown = field.choices?.find((choice) => choice.value === now)?.title ?? now;
    return { ...field, changedSince: now === '' ? t('stale.fieldRemoved') : t('stale.fieldChanged', { value: shown }) };
  });
}
