/**
 * What a dialog wants to show, independent of the channel. Teams renders a view as an Adaptive
 * Card (src/cards), WeChat as a numbered text menu with field-by-field prompts. Every string in a
 * view is already in the user's language.
 */

/** Plain JSON that travels in a card action and comes back on submit. */
export type ActionData = Record<string, string | number | boolean>;

export interface ViewAction {
  /** Routes the action to its handler, e.g. `offer.delete.confirm`. */
  verb: string;
  title: string;
  data?: ActionData;
  /** `destructive` for deletions, `positive` for the main path. */
  style?: 'default' | 'positive' | 'destructive';
}

export interface Fact {
  label: string;
  value: string;
}

export interface ViewSection {
  heading: string;
  facts: Fact[];
  /** Actions on this item alone, e.g. "View" and "Delete" beside one offer. */
  actions?: ViewAction[];
}

export interface Choice {
  value: string;
  title: string;
}

export interface FormField {
  /** The key the value comes back under. */
  name: string;
  label: string;
  kind: 'text' | 'email' | 'tel' | 'choice' | 'multiline';
  value?: string;
  required?: boolean;
  placeholder?: string;
  /** A client-side hint; the server validates again whatever the client did. */
  pattern?: string;
  maxLength?: number;
  choices?: Choice[];
  /** Shown next to the field: the client-side message, or the server's error after a bad submit. */
  errorMessage?: string;
  /** Set when the server refused the last value. */
  invalid?: boolean;
}

export interface ViewForm {
  fields: FormField[];
  submit: ViewAction;
}

export type Tone = 'default' | 'good' | 'attention' | 'warning';

export interface View {
  title: string;
  /** A line under the title, e.g. the company the user is acting for. */
  subtitle?: string;
  /** A status line above the content: success, error or "this card is out of date". */
  notice?: { tone: Tone; text: string };
  /** Plain paragraphs, e.g. an explanation or a help text. */
  paragraphs?: string[];
  facts?: Fact[];
  sections?: ViewSection[];
  form?: ViewForm;
  /** Buttons at the bottom (Teams) or numbered choices (WeChat). */
  actions?: ViewAction[];
}
