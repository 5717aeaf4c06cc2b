/** Renders a channel-neutral view as an Adaptive Card 1.5 for Teams: data in, card JSON out. */
import type { Attachment } from 'botbuilder';
import type { Tone, View, ViewAction, ViewForm, ViewSection } from '../views/view';
import type { ActionSet, AdaptiveCard, CardElement, ContainerStyle, ExecuteAction, OpenUrlAction } from './cardTypes';
import { factsElements, textElement } from './cardText';
import { fieldElements } from './formInputs';

export type { AdaptiveCard } from './cardTypes';

/** Same value as botbuilder's `CardFactory.contentTypes.adaptiveCard`, without loading botbuilder here. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Above this many buttons a row is stacked one button per line: Teams truncates titles in a
 * crowded row and drops every button past its host's `maxActions` (6 in Teams, 5 in the SDK).
 */
const MAX_BUTTONS_PER_ROW = 3;

const NOTICE_STYLES: Record<Tone, ContainerStyle> = {
  // A neutral notice still needs a frame, or it reads as one more paragraph.
  default: 'emphasis',
  good: 'good',
  attention: 'attention',
  warning: 'warning',
};

/** The Adaptive Card for a view, in the order: header, notice, text, facts, sections, form, buttons. */
export function renderCard(view: View<string>): AdaptiveCard {
  if (view.form) assertFieldNamesAreSafe(view.form);
  const body: CardElement[] = [textElement(view.title, { heading: true, size: 'Large', weight: 'Bolder' })];
  if (view.subtitle) body.push(textElement(view.subtitle, { isSubtle: true, spacing: 'None' }));
  if (view.notice) body.push({ type: 'Container', style: NOTICE_STYLES[view.notice.tone], items: [textElement(view.notice.text)] });
  for (const paragraph of view.paragraphs ?? []) body.push(textElement(paragraph));
  if (view.facts?.length) body.push(...factsElements(view.facts));
  for (const section of view.sections ?? []) body.push(sectionContainer(section));
  for (const field of view.form?.fields ?? []) body.push(...fieldElements(field));

  const buttons: (ExecuteAction | OpenUrlAction)[] = view.form ? [executeAction(view.form.submit, 'auto')] : [];
  buttons.push(...(view.links ?? []).map((link): OpenUrlAction => ({ type: 'Action.OpenUrl', title: link.title, url: link.url })));
  buttons.push(...(view.actions ?? []).map((action) => executeAction(action, 'none')));
  const bottom = actionSets(buttons);
  // After a list, a rule keeps the card's own buttons apart from the last item's buttons.
  if (view.sections?.length && bottom[0]) bottom[0] = { ...bottom[0], separator: true, spacing: 'Medium' };
  body.push(...bottom);
  const card: AdaptiveCard = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body };
  if (holdsFormOrTable(view)) card.msteams = { width: 'Full' };
  // Never on a form: the refreshed card would replace what the user is typing.
  if (view.refresh && !view.form) card.refresh = { action: { type: 'Action.Execute', verb: view.refresh.verb, data: { ...view.refresh.data, verb: view.refresh.verb } } };
  return card;
}

/** A form, facts (label/value rows) or a list of items: what reads badly in a narrow bubble. */
function holdsFormOrTable(view: View<string>): boolean {
  return view.form !== undefined || (view.facts?.length ?? 0) > 0 || (view.sections?.length ?? 0) > 0;
}

/** A card as the attachment of a bot message (what `CardFactory.adaptiveCard` returns). */
export function cardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}

/** One item (an offer, an account, a record): heading, its facts and its own buttons. */
function sectionContainer(section: ViewSection<string>): CardElement {
  const items: CardElement[] = [textElement(section.heading, { weight: 'Bolder' })];
  items.push(...factsElements(section.facts));
  items.push(...actionSets((section.actions ?? []).map((action) => executeAction(action, 'none'))));
  return { type: 'Container', items, separator: true, spacing: 'Medium' };
}

/**
 * A button. `verb` goes into `data` last so a stray `verb` key in the view's data cannot make
 * the Execute invoke and the Submit/WeChat paths route to different handlers.
 */
function executeAction(action: ViewAction<string>, associatedInputs: ExecuteAction['associatedInputs']): ExecuteAction {
  const button: ExecuteAction = {
    type: 'Action.Execute',
    title: action.title,
    verb: action.verb,
    data: { ...action.data, verb: action.verb },
    associatedInputs,
  };
  if (action.style === 'positive' || action.style === 'destructive') button.style = action.style;
  return button;
}

/** Buttons as one row, or stacked one per row when there are too many to fit side by side. */
function actionSets(actions: (ExecuteAction | OpenUrlAction)[]): ActionSet[] {
  if (actions.length === 0) return [];
  if (actions.length <= MAX_BUTTONS_PER_ROW) return [{ type: 'ActionSet', actions }];
  return actions.map((action, index) =>
    index === 0 ? { type: 'ActionSet', actions: [action] } : { type: 'ActionSet', actions: [action], spacing: 'Small' },
  );
}

/**
 * Teams merges input values over the button's data, so a field named `verb` (or like a data key)
 * would reroute or rewrite the submit; duplicate names would lose a value. Both are dialog bugs.
 */
function assertFieldNamesAreSafe(form: ViewForm<string>): void {
  const taken = new Set(['verb', ...Object.keys(form.submit.data ?? {})]);
  for (const field of form.fields) {
    if (field.name === '' || taken.has(field.name)) {
      throw new Error(`Form field name "${field.name}" is empty, reserved, repeated or clashes with the submit data`);
    }
    taken.add(field.name);
  }
}
