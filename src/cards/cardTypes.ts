/**
 * The subset of Adaptive Card 1.5 JSON this project produces, typed so a misspelt property or an
 * element outside the set fails to compile instead of being silently ignored by Teams.
 */
import type { ActionData } from '../views/view';

export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  /** `heading` lets screen readers announce the block as a heading (1.5). */
  style?: 'heading';
  size?: 'Small' | 'Medium' | 'Large';
  weight?: 'Bolder';
  color?: 'Attention' | 'Warning';
  isSubtle?: true;
  spacing?: Spacing;
}

/** Literal text: Teams does not parse a TextRun as markdown, so a stored value cannot become a link. */
export interface TextRun {
  type: 'TextRun';
  text: string;
  size?: 'Small' | 'Medium' | 'Large';
  weight?: 'Bolder';
  color?: 'Attention' | 'Warning';
  isSubtle?: true;
}

export interface RichTextBlock {
  type: 'RichTextBlock';
  inlines: TextRun[];
  spacing?: Spacing;
}

export interface Column {
  type: 'Column';
  /** A weight relative to the other columns. */
  width: number;
  items: CardElement[];
}

export interface ColumnSet {
  type: 'ColumnSet';
  columns: Column[];
  spacing?: Spacing;
}

export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
  separator?: true;
  spacing?: Spacing;
}

export interface TextInput {
  type: 'Input.Text';
  id: string;
  label: string;
  value?: string;
  placeholder?: string;
  isRequired?: true;
  regex?: string;
  errorMessage?: string;
  maxLength?: number;
  style?: 'Email' | 'Tel';
  isMultiline?: true;
}

export interface ChoiceSetInput {
  type: 'Input.ChoiceSet';
  id: string;
  label: string;
  style: 'compact';
  choices: { title: string; value: string }[];
  value?: string;
  placeholder?: string;
  isRequired?: true;
  errorMessage?: string;
}

/** The data every button carries: `verb` is repeated so Action.Submit and WeChat can route on it. */
export type ExecuteData = ActionData & { verb: string };

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: ExecuteData;
  /** `none` keeps required fields from blocking Cancel or Back, and keeps their values out of the payload. */
  associatedInputs: 'auto' | 'none';
  style?: 'positive' | 'destructive';
}

/** Opens an address in the browser (a download link). */
export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export interface ActionSet {
  type: 'ActionSet';
  actions: (ExecuteAction | OpenUrlAction)[];
  spacing?: Spacing;
  separator?: boolean;
}

export type CardInput = TextInput | ChoiceSetInput;
export type CardElement = TextBlock | RichTextBlock | FactSet | ColumnSet | Container | ActionSet | CardInput;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
  /** Teams only: a form or a table uses the chat's whole width instead of a narrow bubble. */
  msteams?: { width: 'Full' };
  /** Universal Actions: Teams runs this Action.Execute when the card is shown, and shows the card it answers. */
  refresh?: { action: Omit<ExecuteAction, 'title' | 'associatedInputs'> };
}
