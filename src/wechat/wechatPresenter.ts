/**
 * Shows a turn's views in WeChat as text: one message per turn (WeChat's passive reply holds one),
 * paged at 2,000 bytes. The last view's numbered choices, typed confirmation or form are kept in
 * the session so the user's next reply can pick from them.
 */
import type { Translate } from '../i18n';
import type { Presenter } from '../dialogs/taskContext';
import type { View } from '../views/view';
import { startForm } from './formSession';
import { paginate } from './paging';
import { neutralizeTags, renderText } from './textView';
import type { WechatSessionState } from './sessionState';

type Part = { kind: 'view'; view: View } | { kind: 'text'; text: string };

export class WechatPresenter implements Presenter {
  private readonly parts: Part[] = [];
  private remainingPages: string[] | undefined;

  show(view: View): void {
    this.parts.push({ kind: 'view', view });
  }

  /** Adds plain text (session prompts: form fields, binding answers — some name the company). */
  say(text: string): void {
    this.parts.push({ kind: 'text', text: neutralizeTags(text) });
  }

  /** Sends the next of the pages a long answer was split into; the rest stay for later. */
  continuePaging(page: string, rest: string[]): void {
    this.parts.push({ kind: 'text', text: page });
    this.remainingPages = rest;
  }

  /**
   * The first page to send now, in the language `t` speaks (rendered last, so a language switch in
   * this turn already shows); the session keeps the rest and what the user can answer next.
   */
  finish(session: WechatSessionState, t: Translate): string | undefined {
    const texts = this.parts.map((part) => (part.kind === 'text' ? part.text : renderText(part.view, t).text));
    const last = this.parts.at(-1);
    const view = last?.kind === 'view' ? last.view : undefined;
    if (view?.form) {
      const { session: form, text } = startForm({ ...view, form: view.form }, t);
      // A form's card text is replaced by its first question.
      texts[texts.length - 1] = text;
      session.form = form;
      session.choices = [];
      // A new form replaces a paused one.
      delete session.draft;
      delete session.confirmation;
    } else if (view) {
      const rendered = renderText(view, t);
      session.choices = rendered.choices.map(({ verb, data }) => ({ verb, data: data ?? {} }));
      if (rendered.confirmation) session.confirmation = { verb: rendered.confirmation.verb, data: rendered.confirmation.data ?? {} };
      else delete session.confirmation;
      delete session.form;
      // A form paused by "menu" or "help" is offered again under every answer until it is resumed or replaced.
      if (session.draft) texts.push(t('wechat.formDraft', { title: session.draft.title, word: t('wechat.resumeWord').split('|')[0] }));
    }
    if (texts.length === 0) return undefined;
    if (this.remainingPages) {
      session.pages = this.remainingPages;
      return texts.join('\n\n');
    }
    const pages = paginate(texts.join('\n\n'), (page, total) => pageFooter(t, page, total));
    session.pages = pages.slice(1);
    return pages[0];
  }
}

/** "Reply 'more'" on every page but the last, which says it is the last; nothing on a single page. */
function pageFooter(t: Translate, page: number, total: number): string {
  if (total === 1) return '';
  return page < total ? t('wechat.more', { page, total }) : t('wechat.lastPage', { page, total });
}
