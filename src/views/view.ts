/**
 * What a dialog wants to show, independent of the channel. Teams renders a view as an Adaptive
 * Card (src/cards), WeChat as a numbered text menu with field-by-field prompts. Every string in a
 * view is already in the user's language.
 */

import type { SpecRef } from '../domain/fieldSpecs';
import type { Verb } from '../tasks/registry';

/**
 * Text the bot wrote itself: a locale string, which a renderer may treat as markdown. The class is
 * nominal (private constructor) and its only maker, `ownText`, accepts no string interpolation, so
 * a stored value cannot end up inside one. Everything else on a view is a plain `string` and is
 * shown literally — that is the safe default a new view gets without thinking about it.
 */
export class OwnText {
  private constructor(readonly text: string) {}

  /** The locale string `key`; interpolated values may only be numbers or other own text. */
  static of(t: (key: string, options?: Record<string, unknown>) => string, key: string, options: Record<string, number | OwnText> = {}): OwnText {
    const entries = Object.entries(options);
    // A bare key is asked bare: the translator remembers those (src/i18n), not calls with options.
    if (entries.length === 0) return new OwnText(t(key));
    const values = Object.fromEntries(entries.map(([name, value]) => [name, value instanceof OwnText ? value.text : value]));
    return new OwnText(t(key, values));
  }
}

/**
 * Anything a view shows: `OwnText` (may be rendered as markdown), or a plain string — a stored
 * value, something a user typed, or a locale string with such a value inside — which every
 * renderer shows as literal text (no links, no emphasis, no HTML).
 */
export type Text = string | OwnText;

/** The characters of a text, whichever kind it is. */
export function plainText(text: Text): string {
  return text instanceof OwnText ? text.text : text;
}

/** Plain JSON that travels in a card action and comes back on submit. */
export type ActionData = Record<string, string | number | boolean>;

/**
 * A button or numbered choice. `V` is the verb type: the bot's views offer only its own verbs; the
 * renderers take any string (they only carry it).
 */
export interface ViewAction<V extends string = Verb> {
  /** Routes the action to its handler, e.g. `offer.delete`. */
  verb: V;
  /** Button text: Teams and WeChat show it literally, so a stored value (a company name) is safe here. */
  title: string;
  data?: ActionData;
  /** `destructive` for deletions, `positive` for the main path. */
  style?: 'default' | 'positive' | 'destructive';
}

export interface Fact {
  label: Text;
  value: Text;
}

export interface ViewSection<V extends string = Verb> {
  heading: Text;
  facts: Fact[];
  /** Actions on this item alone, e.g. "View" and "Delete" beside one offer. */
  actions?: ViewAction<V>[];
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
  /** The field spec whose schema the service checks this value with: a client may check each answer with it too. */
  spec?: SpecRef;
  /**
   * The part of the form the field belongs to (a contact's heading): a client that asks one field
   * at a time lets the user pick a part first instead of walking every field of a long form.
   */
  group?: string;
  /** Always data (the stored or typed value): an input shows it literally, WeChat neutralizes it. */
  value?: string;
  required?: boolean;
  placeholder?: string;
  /** A client-side hint; the server validates again whatever the client did. */
  pattern?: string;
  /** How chat shows the current value back; by default, as the input kind suggests. */
  mask?: 'none' | 'phone' | 'email';
  maxLength?: number;
  choices?: Choice[];
  /** Shown next to the field: the client-side message, or the server's error after a bad submit. */
  errorMessage?: string;
  /** Set when the server refused the last value. */
  invalid?: boolean;
  /**
   * Set after a stale submit on a field someone else changed since the form was shown: the note
   * names their new value (data: shown literally); the input keeps what this user typed.
   */
  changedSince?: string;
}

export interface ViewForm<V extends string = Verb> {
  fields: FormField[];
  submit: ViewAction<V>;
}

export type Tone = 'default' | 'good' | 'attention' | 'warning';

export interface View<V extends string = Verb> {
  title: Text;
  /** A line under the title, e.g. the company the user is acting for. */
  subtitle?: Text;
  /** A status line above the content: success, error or "this card is out of date". */
  notice?: { tone: Tone; text: Text };
  /** Plain paragraphs, e.g. an explanation or a help text. */
  paragraphs?: Text[];
  facts?: Fact[];
  sections?: ViewSection<V>[];
  form?: ViewForm<V>;
  /** Buttons at the bottom (Teams) or numbered choices (WeChat). */
  actions?: ViewAction<V>[];
  /** Addresses to open in a browser (a download): a button in Teams, the address as text in WeChat. */
  links?: ViewLink[];
  /**
   * How the view shows itself again with what is stored now (verb and data; the title is unused).
   * Teams runs it when the card comes back into view (Universal Actions `refresh`), so a list a
   * colleague changed meanwhile updates itself. Only views that hold no input: refreshing a form
   * would throw away what the user typed. WeChat has nothing to refresh.
   */
  refresh?: ViewAction<V>;
}

export interface ViewLink {
  title: string;
  /** An address the bot made itself (its PUBLIC_BASE_URL), never a stored value. */
  url: string;
}
