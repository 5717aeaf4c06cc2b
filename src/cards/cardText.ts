/**
 * Text on a card, by where it came from. The bot's own text (`OwnText`) may use markdown and keeps
 * the native elements (TextBlock, FactSet). Any other text — stored values, what users typed,
 * locale strings with such a value inside — is a TextRun, which Teams shows literally: a contact
 * named `[Click](https://evil.example)` is not a link, `**x**` is not bold, `<b>` is not HTML.
 */
import { OwnText, type Fact, type Text } from '../views/view';
import type { ColumnSet, FactSet, RichTextBlock, Spacing, TextBlock, TextRun } from './cardTypes';

export interface TextLook {
  /** Announced as a heading by screen readers (only a TextBlock can say so). */
  heading?: true;
  size?: 'Small' | 'Medium' | 'Large';
  weight?: 'Bolder';
  color?: 'Attention' | 'Warning';
  isSubtle?: true;
  spacing?: Spacing;
}

/** A TextBlock for own text, a RichTextBlock of one literal TextRun for anything else. */
export function textElement(text: Text, look: TextLook = {}): TextBlock | RichTextBlock {
  const { heading, spacing, ...run } = look;
  if (text instanceof OwnText) {
    return { type: 'TextBlock', text: text.text, wrap: true, ...(heading ? { style: 'heading' as const } : {}), ...run, ...(spacing ? { spacing } : {}) };
  }
  const inline: TextRun = { type: 'TextRun', text, ...run };
  return { type: 'RichTextBlock', inlines: [inline], ...(spacing ? { spacing } : {}) };
}

/**
 * Facts as a FactSet when all of them are own text; otherwise as label/value rows of literal text,
 * because Teams renders FactSet titles and values as markdown and a FactSet has no literal mode.
 */
export function factsElements(facts: Fact[]): (FactSet | ColumnSet)[] {
  if (facts.length === 0) return [];
  if (facts.every((fact) => fact.label instanceof OwnText && fact.value instanceof OwnText)) {
    return [{ type: 'FactSet', facts: facts.map((fact) => ({ title: ownTextOf(fact.label), value: ownTextOf(fact.value) })) }];
  }
  return facts.map((fact, index) => factRow(fact, index === 0 ? 'Default' : 'Small'));
}

/** One fact as two columns, bold label beside its value, about where a FactSet puts them. */
function factRow(fact: Fact, spacing: Spacing): ColumnSet {
  return {
    type: 'ColumnSet',
    ...(spacing === 'Default' ? {} : { spacing }),
    columns: [
      { type: 'Column', width: 2, items: [textElement(fact.label, { weight: 'Bolder' })] },
      { type: 'Column', width: 3, items: [textElement(fact.value)] },
    ],
  };
}

function ownTextOf(text: Text): string {
  return text instanceof OwnText ? text.text : text;
}
