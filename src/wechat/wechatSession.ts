/**
 * The WeChat side of a conversation: turns a text reply into the turn's input using what the last
 * answer offered (numbered choices, a typed confirmation, a form being filled, more pages), and
 * answers what needs no dialog (paging, form prompts). The text arrives normalized (normalizeTyped,
 * at the edge in privacyBot): full-width digits and IME punctuation are already plain here.
 */
import { normalizeCommand } from '../domain/typedText';
import type { Translate } from '../i18n';
import { MENU_INPUT, textInput, verbForCommand, type TurnInput } from '../dialogs/turnInput';
import type { Verb } from '../tasks/registry';
import { answerForm, resumeForm } from './formSession';
import type { WechatSessionState } from './sessionState';
import type { WechatPresenter } from './wechatPresenter';
import { isWord } from './words';

export type { WechatSessionState } from './sessionState';

export interface WechatTurn {
  text: string;
  event?: string;
  t: Translate;
  state: WechatSessionState;
  presenter: WechatPresenter;
}

// "绑定 663058", "绑定663058", "绑定：663058" (normalized to "绑定:663058"), "bind 663058".
const BIND = /^(.+?)[\s:]*(\d{6})$/;

/**
 * Linking and unlinking the account (`绑定 123456`, `解绑`): the inputs that need no binding, read
 * before anything else. Unlinking forgets what the last answer offered.
 */
export function linkInput(text: string, state: WechatSessionState): TurnInput | undefined {
  const command = normalizeCommand(text);
  const bindMatch = BIND.exec(command);
  if (bindMatch && isWord(bindMatch[1]!, 'wechat.bindWords')) return { kind: 'action', verb: 'wechat.bind', data: { code: bindMatch[2]! } };
  if (!isWord(command, 'wechat.unbindWords')) return undefined;
  state.choices = [];
  delete state.form;
  delete state.draft;
  delete state.confirmation;
  return { kind: 'action', verb: 'wechat.unbind', data: {} };
}

/** The words that interrupt a form or a typed confirmation (cancel, menu, help); every other reply there is an answer. */
const FORM_COMMANDS: readonly Verb[] = ['cancel', 'menu', 'help'];

export function interruptsForm(text: string): boolean {
  const verb = verbForCommand(text.trim());
  return verb !== undefined && FORM_COMMANDS.includes(verb);
}

/** The input of a linked user's reply; undefined when the session answered it itself. */
export function interpretReply(turn: WechatTurn): TurnInput | undefined {
  const { t, presenter, state } = turn;
  const text = turn.text.trim();
  if (turn.event === 'subscribe') return MENU_INPUT;
  const command = verbForCommand(text);
  // Inside a form or at a typed confirmation only these three are commands; any other word
  // (a name such as "联系人") is an answer. Cancel drops the form; menu and help pause it.
  if (command === 'cancel') {
    delete state.form;
    delete state.draft;
    delete state.confirmation;
    return { kind: 'action', verb: 'cancel', data: {} };
  }
  if (command === 'menu' || command === 'help') {
    if (state.form) state.draft = state.form;
    delete state.form;
    delete state.confirmation;
    return { kind: 'action', verb: command, data: {} };
  }
  if (state.draft && !state.form && isWord(text, 'wechat.resumeWord')) {
    state.form = state.draft;
    delete state.draft;
    presenter.say(resumeForm(state.form, t));
    return undefined;
  }

  if (state.form) {
    const step = answerForm(state.form, text, t, isWord);
    if (step.kind === 'prompt') {
      state.form = step.session;
      presenter.say(step.text);
      return undefined;
    }
    delete state.form;
    return { kind: 'action', verb: step.verb, data: step.data };
  }
  // Paging only outside a form: "更多" typed into a form is an answer.
  if (isWord(text, 'wechat.moreWord')) return nextPage(turn);
  if (state.confirmation) {
    const pending = state.confirmation;
    delete state.confirmation;
    if (isWord(text, 'wechat.confirmWord')) return { kind: 'action', verb: pending.verb, data: pending.data };
    presenter.say(t('wechat.notConfirmed'));
  }
  const number = normalizeCommand(text);
  const choice = /^\d{1,3}$/.test(number) ? state.choices?.[Number(number) - 1] : undefined;
  if (choice) return { kind: 'action', verb: choice.verb, data: choice.data };
  return textInput(text) ?? MENU_INPUT;
}

function nextPage(turn: WechatTurn): undefined {
  const [next, ...rest] = turn.state.pages ?? [];
  if (next === undefined) turn.presenter.say(turn.t('wechat.noMore'));
  else turn.presenter.continuePaging(next, rest);
  return undefined;
}
