/**
 * Filling a form one field at a time, as WeChat has no forms. Each answer is checked at once with
 * the schema the service uses (the field's spec), and a refused answer is asked again with the
 * reason. A long form with several parts (contact info: the company and each contact) first asks
 * which part to change. A numbered summary confirms; its number edits one field. After the server
 * refuses a submit, only the refused fields are asked again.
 */
import { specOf } from '../domain/fieldSpecs';
import { normalizeCommand, normalizeTyped } from '../domain/typedText';
import { checkValue, type Refusal } from '../domain/validation';
import type { Translate } from '../i18n';
import type { Verb } from '../tasks/registry';
import type { ActionData, FormField, View } from '../views/view';
import { fieldPrompt, maskValue, neutralizeTags, wechatText } from './textView';

export interface FormSession {
  title: string;
  fields: FormField[];
  /** Names of the fields to ask, in order. */
  ask: string[];
  position: number;
  values: Record<string, string>;
  submit: { verb: Verb; data: ActionData };
  reviewing: boolean;
  /** Set while the user picks the part of the form to change (a form with several parts). */
  picking?: boolean;
  /** The field being corrected from the summary: once answered, the summary comes back. */
  editing?: string;
  /** The fields the summary lists, in its numbering. */
  review?: string[];
}

export type FormStep = { kind: 'prompt'; session: FormSession; text: string } | { kind: 'submit'; verb: Verb; data: ActionData };

// What IMEs type for "=" and "-" (＝, －, —, ——) is the same once normalized; a run of dashes clears too.
const KEEP = /^=$/;
const CLEAR = /^-+$/;

/** A session for a form view: the refused fields after an error, else a part to pick, else every field. */
export function startForm(view: View & { form: NonNullable<View['form']> }, t: Translate): { session: FormSession; text: string } {
  const { fields, submit } = view.form;
  // After a refused or stale submit, only the fields to look at again are asked.
  const refused = fields.filter((field) => field.invalid || field.changedSince).map((field) => field.name);
  const picking = refused.length === 0 && groupsOf(fields).length > 1;
  const session: FormSession = {
    title: wechatText(view.title),
    fields,
    ask: refused.length ? refused : picking ? [] : fields.map((field) => field.name),
    position: 0,
    values: Object.fromEntries(fields.map((field) => [field.name, field.value ?? ''])),
    submit: { verb: submit.verb, data: submit.data ?? {} },
    reviewing: false,
    ...(picking ? { picking } : {}),
  };
  return { session, text: resumeForm(session, t) };
}

/** What the session asks now: the part to pick, the current field, or the summary (also when a paused form is resumed). */
export function resumeForm(session: FormSession, t: Translate): string {
  if (session.picking) return picker(session, t);
  if (session.reviewing && !session.editing) return summary(session, t);
  return prompt(session, t);
}

/** The next step after the user's reply (commands that interrupt a form are read before it: see wechatSession). */
export function answerForm(session: FormSession, reply: string, t: Translate, isWord: (text: string, key: string) => boolean): FormStep {
  const word = normalizeCommand(reply);
  if (session.picking) return pick(session, word, t);
  if (session.reviewing && !session.editing) {
    if (isWord(word, 'wechat.saveWord')) return { kind: 'submit', verb: session.submit.verb, data: { ...session.submit.data, ...session.values } };
    const chosen = /^\d{1,3}$/.test(word) ? reviewOf(session)[Number(word) - 1] : undefined;
    if (!chosen) return { kind: 'prompt', session, text: summary(session, t) };
    const editing = { ...session, editing: chosen };
    return { kind: 'prompt', session: editing, text: prompt(editing, t) };
  }
  const field = currentField(session);
  const answer = interpret(field, normalizeTyped(reply));
  if ('refusal' in answer) {
    const error = answer.refusal;
    return { kind: 'prompt', session, text: `❗ ${t(error.messageKey, error.params)}\n${prompt(session, t)}` };
  }
  const values = { ...session.values, [field.name]: answer.value };
  if (session.editing) {
    const back: FormSession = { ...session, values };
    delete back.editing;
    return { kind: 'prompt', session: back, text: summary(back, t) };
  }
  const next: FormSession = { ...session, values, position: session.position + 1 };
  if (next.position < next.ask.length) return { kind: 'prompt', session: next, text: prompt(next, t) };
  const reviewing = { ...next, reviewing: true, review: reviewList(next) };
  return { kind: 'prompt', session: reviewing, text: summary(reviewing, t) };
}

/** The parts of a form, in order: the distinct groups its fields name. */
function groupsOf(fields: FormField[]): string[] {
  return [...new Set(fields.flatMap((field) => (field.group ? [field.group] : [])))];
}

function pick(session: FormSession, word: string, t: Translate): FormStep {
  const groups = groupsOf(session.fields);
  const group = /^\d{1,3}$/.test(word) ? groups[Number(word) - 1] : undefined;
  if (!group) return { kind: 'prompt', session, text: `❗ ${t('wechat.formPickAgain', { count: groups.length })}\n${picker(session, t)}` };
  const asking: FormSession = { ...session, ask: session.fields.filter((field) => field.group === group).map((field) => field.name), position: 0 };
  delete asking.picking;
  return { kind: 'prompt', session: asking, text: prompt(asking, t) };
}

function currentField(session: FormSession): FormField {
  const name = session.editing ?? session.ask[session.position];
  const field = session.fields.find((f) => f.name === name);
  if (!field) throw new Error(`form session has no field ${name}`);
  return field;
}

/** The value a reply stands for, checked with the field's spec; or why it is refused. */
function interpret(field: FormField, text: string): { value: string } | { refusal: Refusal } {
  const required: { refusal: Refusal } = { refusal: { messageKey: 'validation.required' } };
  let value: string;
  if (KEEP.test(text)) value = field.value ?? '';
  else if (CLEAR.test(text) || text === '') value = '';
  else if (field.choices?.length) {
    const byNumber = /^\d+$/.test(text) ? field.choices[Number(text) - 1] : undefined;
    const byName = field.choices.find((choice) => choice.title === text || choice.value === text);
    value = (byNumber ?? byName)?.value ?? text;
  } else value = text;
  if (value === '') return field.required ? required : { value };
  const spec = specOf(field.spec);
  // Checked as the service will check it, and kept as it will be stored (138 0013 8000 → +8613800138000).
  return spec ? checkValue(spec, value) : { value };
}

/** The fields the summary lists: those asked in this pass and any other whose value changed. */
function reviewList(session: FormSession): string[] {
  return session.fields.filter((field) => session.ask.includes(field.name) || session.values[field.name] !== (field.value ?? '')).map((field) => field.name);
}

// A session saved before summaries were numbered has no list: it is the same list, computed now.
function reviewOf(session: FormSession): string[] {
  return session.review ?? reviewList(session);
}

// The first question of a pass says in full which words are commands; later ones only remind.
function hint(t: Translate, full = true): string {
  return t(full ? 'wechat.formCancelHint' : 'wechat.formShortHint');
}

function prompt(session: FormSession, t: Translate): string {
  const field = currentField(session);
  if (session.editing) {
    const review = reviewOf(session);
    return `${fieldPrompt(field, t, { index: review.indexOf(field.name), total: review.length })}\n${hint(t, false)}`;
  }
  const header = session.position === 0 ? `【${session.title}】\n` : '';
  return `${header}${fieldPrompt(field, t, { index: session.position, total: session.ask.length })}\n${hint(t, session.position === 0)}`;
}

function picker(session: FormSession, t: Translate): string {
  const lines = groupsOf(session.fields).map((group, i) => t('wechat.choice', { n: i + 1, title: neutralizeTags(group) }));
  return [`【${session.title}】`, t('wechat.formPick'), ...lines, '', hint(t)].join('\n');
}

function summary(session: FormSession, t: Translate): string {
  const lines = reviewOf(session).flatMap((name, i) => {
    const field = session.fields.find((f) => f.name === name);
    if (!field) return [];
    const value = session.values[field.name] ?? '';
    // What the user just typed is shown in full so they can check it; what they kept stays masked.
    const shown = value === (field.value ?? '') ? maskValue(field) : (field.choices?.find((c) => c.value === value)?.title ?? value);
    return [t('wechat.formReviewLine', { n: i + 1, label: neutralizeTags(field.label), value: shown ? neutralizeTags(shown) : t('common.none') })];
  });
  return [`【${session.title}】`, t('wechat.formReview'), ...lines, '', t('wechat.formConfirm', { word: t('wechat.saveWord').split('|')[0] })].join('\n');
}
