/**
 * The WeChat side of a conversation: turns a text reply into the turn's input using what the last
 * answer offered (numbered choices, a typed confirmation, a form being filled, more pages), and
 * answers what needs no dialog (binding, unbinding, paging, form prompts).
 */
import type { Locale, Translate } from '../i18n';
import { LOCALES, translator } from '../i18n';
import type { TurnInput } from '../dialogs/turnInput';
import { readTurnInput, verbForCommand } from '../dialogs/turnInput';
import type { Identity } from '../service/access';
import type { WechatBinding, WechatBindings } from '../service/wechatBindings';
import type { PublisherRepository } from '../store/types';
import type { SigninOffers } from '../signin/signinOffers';
import type { ActionData } from '../views/view';
import { answerForm, type FormSession } from './formSession';
import type { WechatPresenter } from './wechatPresenter';

export interface WechatSessionState {
  choices?: { verb: string; data: ActionData }[];
  confirmation?: { verb: string; data: ActionData };
  form?: FormSession;
  pages?: string[];
}

/** Whether the text is one of the words a locale key lists (`a|b`), in either language. */
export function isWord(text: string, key: string): boolean {
  const normalized = text.trim().toLowerCase();
  return LOCALES.some((locale) => translator(locale)(key).toLowerCase().split('|').includes(normalized));
}

export interface WechatTurn {
  openid: string;
  text: string;
  event?: string;
  t: Translate;
  /** The user's language, for the sign-in pages. */
  locale?: Locale;
  state: WechatSessionState;
  presenter: WechatPresenter;
  /** The openid's binding when the caller already read it this turn (`null`: it has none). */
  binding?: WechatBinding | null;
}

/** What the bot should do with the turn: run the dialogs with this input as this identity, or nothing more. */
export type WechatDecision = { kind: 'answered' } | { kind: 'run'; input: TurnInput; identity: Identity };

export class WechatSession {
  constructor(
    private readonly bindings: WechatBindings,
    private readonly publishers: PublisherRepository,
    /** Set when sign-in with the Azure account is on: an unbound user is offered it. */
    private readonly signin?: SigninOffers,
  ) {}

  async decide(turn: WechatTurn): Promise<WechatDecision> {
    const { t, presenter } = turn;
    const text = turn.text.trim();
    const bindMatch = /^(\S+)\s*(\d{6})$/.exec(text);
    if (bindMatch && isWord(bindMatch[1]!, 'wechat.bindWords')) return this.bind(turn, bindMatch[2]!);
    if (isWord(text, 'wechat.unbindWords')) return this.unbind(turn);

    const binding = turn.binding === undefined ? await this.bindings.bindingOf(turn.openid) : (turn.binding ?? undefined);
    const publisher = binding && (await this.publishers.get(binding.publisherId))?.publisher;
    const issuer = binding && publisher && this.bindings.issuerOf(binding, publisher);
    if (!binding || !issuer) {
      // The account that vouched for this WeChat user was removed: so is the binding.
      if (binding) await this.bindings.unbind(turn.openid);
      if (turn.event === 'subscribe') presenter.say(t('wechat.welcome'));
      presenter.say(t('wechat.notBound'));
      if (this.signin) presenter.say(t('signin.offer', { url: await this.signin.wechatLink(turn.openid, turn.locale ?? 'zh-CN') }));
      return { kind: 'answered' };
    }
    const identity: Identity = { channel: 'wechat', openid: turn.openid, publisherId: binding.publisherId, role: issuer.role };
    const run = (input: TurnInput): WechatDecision => ({ kind: 'run', input, identity });

    if (turn.event === 'subscribe') return run({ kind: 'action', verb: 'menu', data: {} });
    if (isWord(text, 'wechat.moreWord')) return this.nextPage(turn);
    const { state } = turn;
    if (verbForCommand(text) === 'cancel') {
      delete state.form;
      delete state.confirmation;
      return run({ kind: 'action', verb: 'cancel', data: {} });
    }

    if (state.form) {
      const step = answerForm(state.form, text, t, isWord);
      if (step.kind === 'prompt') {
        state.form = step.session;
        presenter.say(step.text);
        return { kind: 'answered' };
      }
      delete state.form;
      return step.kind === 'cancel' ? run({ kind: 'action', verb: 'cancel', data: {} }) : run({ kind: 'action', verb: step.verb, data: step.data });
    }
    if (state.confirmation) {
      const pending = state.confirmation;
      delete state.confirmation;
      if (isWord(text, 'wechat.confirmWord')) return run({ kind: 'action', verb: pending.verb, data: pending.data });
      presenter.say(t('wechat.notConfirmed'));
    }
    const choice = /^\d{1,3}$/.test(text) ? state.choices?.[Number(text) - 1] : undefined;
    if (choice) return run({ kind: 'action', verb: choice.verb, data: choice.data });
    return run(readTurnInput({ type: 'message', text }) ?? { kind: 'action', verb: 'menu', data: {} });
  }

  private async bind(turn: WechatTurn, code: string): Promise<WechatDecision> {
    const { t, presenter } = turn;
    const outcome = await this.bindings.bind(turn.openid, code);
    if (outcome.kind === 'locked') presenter.say(t('wechat.locked'));
    else if (outcome.kind === 'invalid') presenter.say(t('wechat.invalidCode', { count: outcome.attemptsLeft }));
    else {
      const company = (await this.publishers.get(outcome.binding.publisherId))?.publisher.companyName ?? outcome.binding.publisherId;
      presenter.say(t('wechat.bound', { company }));
    }
    return { kind: 'answered' };
  }

  private async unbind(turn: WechatTurn): Promise<WechatDecision> {
    const receipt = await this.bindings.unbind(turn.openid);
    turn.presenter.say(receipt ? turn.t('wechat.unbound', { receiptId: receipt.id }) : turn.t('wechat.wasNotBound'));
    turn.state.choices = [];
    delete turn.state.form;
    delete turn.state.confirmation;
    return { kind: 'answered' };
  }

  private nextPage(turn: WechatTurn): WechatDecision {
    const [next, ...rest] = turn.state.pages ?? [];
    if (next === undefined) turn.presenter.say(turn.t('wechat.noMore'));
    else turn.presenter.continuePaging(next, rest);
    return { kind: 'answered' };
  }
}
