/**
 * Renders a view as WeChat text: facts as "label：value" lines and every action as a numbered
 * choice. A final deletion (a verb the task registry marks destructive) is not numbered: WeChat users confirm
 * it by typing a word the text shows, so a stray digit can never delete anything.
 */
import { maskPhone } from '../domain/phone';
import type { Translate } from '../i18n';
import { isDestructive } from '../tasks/registry';
import { OwnText, type FormField, type Text, type View, type ViewAction } from '../views/view';

export interface RenderedText {
  text: string;
  /** The numbered choices, in order: reply "1" picks the first. */
  choices: ViewAction[];
  /** The action that needs the confirmation word typed, if any. */
  confirmation?: ViewAction;
}

/**
 * WeChat turns `<a href="…">` in a text message into a link, so `<` and `>` from anything but the
 * bot's own text become their fullwidth look-alikes: readable, and never a tag.
 */
export function neutralizeTags(text: string): string {
  return text.replace(/</g, '＜').replace(/>/g, '＞');
}

/** A view's text as WeChat shows it: own text as written, anything else with its tags neutralized. */
export function wechatText(text: Text): string {
  return text instanceof OwnText ? text.text : neutralizeTags(text);
}

const NOTICE_MARKS = { default: 'ℹ️', good: '✅', attention: '❗', warning: '⚠️' } as const;

/** Whether choosing this action must be confirmed by typing a word: its verb says it deletes for good. */
export function needsTypedConfirmation(action: ViewAction): boolean {
  return isDestructive(action.verb);
}

export function renderText(view: View, t: Translate): RenderedText {
  const fact = ({ label, value }: { label: Text; value: Text }): string => t('wechat.fact', { label: wechatText(label), value: wechatText(value) });
  const lines: string[] = [`【${wechatText(view.title)}】`];
  if (view.subtitle) lines.push(wechatText(view.subtitle));
  if (view.notice) lines.push('', `${NOTICE_MARKS[view.notice.tone]} ${wechatText(view.notice.text)}`);
  for (const paragraph of view.paragraphs ?? []) lines.push('', wechatText(paragraph));
  if (view.facts?.length) lines.push('', ...view.facts.map(fact));
  // No buttons in WeChat: the address itself, which the client shows as a link.
  for (const link of view.links ?? []) lines.push('', t('wechat.link', { title: neutralizeTags(link.title), url: link.url }));

  const choices: ViewAction[] = [];
  let confirmation: ViewAction | undefined;
  const choiceLines = (actions: ViewAction[] = []): string[] =>
    actions.flatMap((action) => {
      if (needsTypedConfirmation(action)) {
        confirmation = action;
        return [];
      }
      choices.push(action);
      return [t('wechat.choice', { n: choices.length, title: neutralizeTags(action.title) })];
    });

  for (const section of view.sections ?? []) {
    lines.push('', `▪ ${wechatText(section.heading)}`, ...section.facts.map(fact));
    lines.push(...choiceLines(section.actions).map((line) => `  ${line}`));
  }
  const bottom = choiceLines(view.actions);
  if (bottom.length) lines.push('', ...bottom);
  if (confirmation) lines.push('', t('wechat.typeToConfirm', { word: t('wechat.confirmWord'), action: neutralizeTags(confirmation.title) }));
  return { text: lines.join('\n'), choices, ...(confirmation ? { confirmation } : {}) };
}

/** The prompt for one form field: its label, the current value (masked where sensible) and how to keep or clear it. */
export function fieldPrompt(field: FormField, t: Translate, position: { index: number; total: number }): string {
  const lines = [t('wechat.formStep', { n: position.index + 1, total: position.total }), t('wechat.formAsk', { label: neutralizeTags(field.label) })];
  if (field.invalid && field.errorMessage) lines.unshift(`❗ ${field.errorMessage}`);
  if (field.changedSince) lines.unshift(`⚠️ ${neutralizeTags(field.changedSince)}`);
  if (field.choices?.length) lines.push(...field.choices.map((choice, i) => t('wechat.choice', { n: i + 1, title: neutralizeTags(choice.title) })));
  // A refused value is shown as typed, so the user can see what to fix.
  if (field.value) lines.push(t('wechat.formCurrent', { value: neutralizeTags(field.invalid || field.changedSince ? field.value : maskValue(field)) }));
  if (!field.required) lines.push(t('wechat.formOptional'));
  return lines.join('\n');
}

/** A value as shown back in chat: phones and e-mail addresses partly hidden. */
export function maskValue(field: FormField): string {
  const value = field.value ?? '';
  const mask = field.mask ?? (field.kind === 'tel' ? 'phone' : field.kind === 'email' ? 'email' : 'none');
  if (mask === 'phone') return maskPhone(value);
  if (mask === 'email') return value.replace(/^(.)[^@]*(@.*)$/, '$1***$2');
  return field.choices?.find((choice) => choice.value === value)?.title ?? value;
}
