/**
 * Filling a form one field at a time, as WeChat has no forms: ask each field, then show a summary
 * to confirm, then hand the values back as the form's submit action. After the server refuses a
 * submit, only the refused fields are asked again.
 */
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
}

export type FormStep = { kind: 'prompt'; session: FormSession; text: string } | { kind: 'submit'; verb: Verb; data: ActionData } | { kind: 'cancel' };

const KEEP = '=';
const CLEAR = '-';

/** A session for a form view: every field, or only the refused ones after an error. */
export function startForm(view: View & { form: NonNullable<View['form']> }, t: Translate): { session: FormSession; text: string } {
  const { fields, submit } = view.form;
  // After a refused or stale submit, only the fields to look at again are asked.
  const refused = fields.filter((field) => field.invalid || field.changedSince).map((field) => field.name);
  const session: FormSession = {
    title: wechatText(view.title),
    fields,
    ask: refused.length ? refused : fields.map((field) => field.name),
    position: 0,
    values: Object.fromEntries(fields.map((field) => [field.name, field.value ?? ''])),
    submit: { verb: submit.verb, data: submit.data ?? {} },
    reviewing: false,
  };
  return { session, text: prompt(session, t) };
}

/** The next step after the user's reply. */
export function answerForm(session: FormSession, reply: string, t: Translate, isWord: (text: string, key: string) => boolean): FormStep {
  if (session.reviewing) {
    if (reply === '1' || isWord(reply, 'wechat.saveWord')) return { kind: 'submit', verb: session.submit.verb, data: { ...session.submit.data, ...session.values } };
    if (reply === '2') return { kind: 'cancel' };
    return { kind: 'prompt', session, text: summary(session, t) };
  }
  const field = currentField(session);
  const value = interpret(field, reply);
  if (value === undefined) return { kind: 'prompt', session, text: `❗ ${t('validation.required')}\n${prompt(session, t)}` };
  const next: FormSession = { ...session, values: { ...session.values, [field.name]: value }, position: session.position + 1 };
  if (next.position < next.ask.length) return { kind: 'prompt', session: next, text: prompt(next, t) };
  const reviewing = { ...next, reviewing: true };
  return { kind: 'prompt', session: reviewing, text: summary(reviewing, t) };
}

function currentField(session: FormSession): FormField {
  const name = session.ask[session.position];
  const field = session.fields.find((f) => f.name === name);
  if (!field) throw new Error(`form session has no field ${name}`);
  return field;
}

/** The value a reply stands for; undefined when a required field would be left empty. */
function interpret(field: FormField, reply: string): string | undefined {
  const text = reply.trim();
  if (text === KEEP) return field.required && !field.value ? undefined : field.value ?? '';
  if (text === CLEAR || text === '') return field.required ? undefined : '';
  if (field.choices?.length) {
    const byNumber = /^\d+$/.test(text) ? field.choices[Number(text) - 1] : undefined;
    const byName = field.choices.find((choice) => choice.title === text || choice.value === text);
    return (byNumber ?? byName)?.value ?? text;
  }
  return text;
}

function prompt(session: FormSession, t: Translate): string {
  const field = currentField(session);
  const header = session.position === 0 ? `【${session.title}】\n` : '';
  return `${header}${fieldPrompt(field, t, { index: session.position, total: session.ask.length })}\n${t('wechat.formCancelHint')}`;
}

function summary(session: FormSession, t: Translate): string {
  const lines = session.fields
    .filter((field) => session.ask.includes(field.name) || session.values[field.name])
    .map((field) => {
      const value = session.values[field.name] ?? '';
      // What the user just typed is shown in full so they can check it; what they kept stays masked.
      const shown = value === (field.value ?? '') ? maskValue(field) : (field.choices?.find((c) => c.value === value)?.title ?? value);
      return t('wechat.fact', { label: neutralizeTags(field.label), value: shown ? neutralizeTags(shown) : t('common.none') });
    });
  return [`【${session.title}】`, t('wechat.formReview'), ...lines, '', t('wechat.formConfirm')].join('\n');
}
