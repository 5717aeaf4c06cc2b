/** Form fields of a view as Adaptive Card inputs, each with its label and its error in plain sight. */
import type { FormField } from '../views/view';
import type { CardElement, ChoiceSetInput, RichTextBlock, TextBlock, TextInput } from './cardTypes';
import { textElement } from './cardText';

/** Identical in both input kinds. */
type CommonInputProperties = Pick<TextInput, 'value' | 'placeholder' | 'isRequired' | 'errorMessage'>;

/** The input for one field, followed by its error text when the server refused the last value and the other person's value when it changed meanwhile. */
export function fieldElements(field: FormField): CardElement[] {
  const input = field.kind === 'choice' ? choiceSetInput(field) : textInput(field);
  return [
    input,
    ...(field.invalid === true && field.errorMessage ? [serverError(field.errorMessage)] : []),
    ...(field.changedSince ? [textElement(field.changedSince, { color: 'Warning', size: 'Small', spacing: 'None' })] : []),
  ];
}

function textInput(field: FormField): TextInput {
  const input: TextInput = { type: 'Input.Text', id: field.name, label: field.label, ...commonProperties(field) };
  const regex = clientRegex(field.pattern);
  if (regex !== undefined) input.regex = regex;
  if (field.maxLength !== undefined) input.maxLength = field.maxLength;
  if (field.kind === 'email') input.style = 'Email';
  if (field.kind === 'tel') input.style = 'Tel';
  if (field.kind === 'multiline') input.isMultiline = true;
  return input;
}

function choiceSetInput(field: FormField): ChoiceSetInput {
  const choices = (field.choices ?? []).map((choice) => ({ title: choice.title, value: choice.value }));
  return { type: 'Input.ChoiceSet', id: field.name, label: field.label, style: 'compact', choices, ...commonProperties(field) };
}

/** Properties both input kinds share; only those the field sets, so the JSON stays small. */
function commonProperties(field: FormField): CommonInputProperties {
  const common: CommonInputProperties = {};
  if (field.value !== undefined) common.value = field.value;
  if (field.placeholder !== undefined) common.placeholder = field.placeholder;
  if (field.required === true) common.isRequired = true;
  if (field.errorMessage) common.errorMessage = field.errorMessage;
  return common;
}

/** Teams shows `errorMessage` only after its own check fails; a server refusal needs its own line. */
function serverError(text: string): TextBlock | RichTextBlock {
  return textElement(text, { color: 'Attention', size: 'Small', spacing: 'None' });
}

/**
 * The pattern if every client can run it, else nothing (the server validates anyway). Teams runs
 * it as `new RegExp(regex)` without the `u` flag, where `\p{…}` silently matches a literal "p"
 * and would block valid Chinese input; a pattern that does not compile would break the card.
 */
export function clientRegex(pattern: string | undefined): string | undefined {
  if (pattern === undefined || pattern === '' || /\\[pPu]\{/.test(pattern)) return undefined;
  try {
    new RegExp(pattern);
    return pattern;
  } catch {
    return undefined;
  }
}
