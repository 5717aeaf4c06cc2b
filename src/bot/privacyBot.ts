/**
 * The bot: turns a Teams activity into a task context (who, which publisher, which language) and
 * runs the dialogs. Decisions live in dialogs and the privacy service; this class only wires a turn.
 */
import {
  TeamsActivityHandler,
  TeamsInfo,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { resolveLocale, translator, type Locale, type Translate } from '../i18n';
import { errorFields, type Logger } from '../log';
import type { Identity, Membership, PublisherAccess } from '../service/access';
import type { PrivacyService } from '../service/privacyService';
import { WECHAT_CHANNEL_ID, WechatAdapter, type WechatChannelData } from '../wechat/wechatAdapter';
import { WechatPresenter } from '../wechat/wechatPresenter';
import type { WechatSessionState } from '../wechat/sessionState';
import { interpretReply, interruptsForm, linkInput } from '../wechat/wechatSession';
import { localeOfWords } from '../wechat/words';
import { MainDialog } from '../dialogs/mainDialog';
import { setTaskContext, type Presenter, type UserPreferences } from '../dialogs/taskContext';
import { MENU_INPUT, type TurnInput } from '../dialogs/turnInput';
import { messageView, notAuthorizedView, welcomeView } from '../views/menuViews';
import { readCardInvoke, readTeamsMessage } from '../teams/teamsInput';
import { TeamsPresenter } from '../teams/teamsPresenter';
import type { RetentionPolicy } from '../views/privacyViews';
import { signinOfferView, type SigninOffers } from '../signin/signinOffers';
import { isWord } from '../wechat/words';
import { normalizeTyped } from '../domain/typedText';
import type { WelcomeOnce } from './welcomeOnce';
import type { ResidueNoted, TurnResidue } from './turnResidue';

export interface PrivacyBotDependencies {
  conversationState: ConversationState;
  userState: UserState;
  access: PublisherAccess;
  service: PrivacyService;
  policy: RetentionPolicy;
  /** PUBLIC_BASE_URL: where export download links point. */
  exportBaseUrl?: string;
  logger: Logger;
  welcomeOnce: WelcomeOnce;
  /** Registers where a conversation may hold a publisher's data, for corrections and erasures. */
  residue: TurnResidue;
  /** Set when sign-in with the Azure account is on. */
  signin?: SigninOffers;
}

const TEAMS_CHANNEL_ID = 'msteams';

/** A turn from the WeChat endpoint: its channel id alone proves nothing, /api/messages could carry it too. */
function isWechatTurn(context: TurnContext): boolean {
  return context.activity.channelId === WECHAT_CHANNEL_ID && context.adapter instanceof WechatAdapter;
}

// Set on a turn whose caller was authorized: only such a turn
// saves state, so a stranger who talks to the bot leaves none behind.
const KEEP_STATE = Symbol('keepState');
// The turn's service and access, sharing the turn's reads of each publisher (see turnServices).
const TURN_SERVICES = Symbol('turnServices');
interface TurnServices {
  service: PrivacyService;
  access: PublisherAccess;
}
// The publishers whose data an authorized turn could show (its caller's memberships).
const TURN_PUBLISHERS = Symbol('turnPublishers');
const DAY_MS = 86_400_000;

export class PrivacyBot extends TeamsActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly preferences: StatePropertyAccessor<UserPreferences>;
  private readonly wechatState: StatePropertyAccessor<WechatSessionState>;
  private readonly lastSeenDay: StatePropertyAccessor<number>;
  private readonly residueNoted: StatePropertyAccessor<ResidueNoted>;

  constructor(private readonly deps: PrivacyBotDependencies) {
    super();
    this.dialogs = new DialogSet(deps.conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new MainDialog());
    this.preferences = deps.userState.createProperty<UserPreferences>('preferences');
    this.wechatState = deps.conversationState.createProperty<WechatSessionState>('wechat');
    this.lastSeenDay = deps.userState.createProperty<number>('lastSeenDay');
    this.residueNoted = deps.conversationState.createProperty<ResidueNoted>('residue');

    this.onMessage(async (context, next) => {
      if (isWechatTurn(context)) {
        await this.wechatTurn(context);
        return next();
      }
      const presenter = new TeamsPresenter();
      const input = readTeamsMessage(context.activity) ?? MENU_INPUT;
      await this.runTurn(context, presenter, input);
      if (input.kind === 'action' && context.activity.value !== undefined) await presenter.replaceSubmittedCard(context);
      else await presenter.sendAll(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      if (!isWechatTurn(context)) return next();
      // Unfollowing the official account ends the session; following it is a welcome.
      if (context.activity.name === 'unsubscribe') await this.deps.conversationState.delete(context);
      else if (context.activity.name === 'subscribe') await this.wechatTurn(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((member) => member.id !== botId)) await this.welcome(context);
      await next();
    });
  }

  /** Saves conversation and user state after a turn whose caller was authorized; a stranger's turn saves none. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    if (context.turnState.get(KEEP_STATE) !== true) return;
    await this.noteResidue(context);
    // Both writes leave together: one round trip (each is its own key, so also on a cluster).
    await Promise.all([this.deps.conversationState.saveChanges(context), this.deps.userState.saveChanges(context)]);
  }

  /**
   * The service and access of this turn: one publisher repository made for the turn, so the
   * identity look-up, the authorization and the view read each publisher from the store once.
   */
  private turnServices(context: TurnContext): TurnServices {
    const known = context.turnState.get<TurnServices | undefined>(TURN_SERVICES);
    if (known !== undefined) return known;
    const service = this.deps.service.forTurn();
    const services: TurnServices = { service, access: this.deps.access.forTurn(service.publishers) };
    context.turnState.set(TURN_SERVICES, services);
    return services;
  }

  /** Registers this conversation's entries for the publishers it could show, before its state is written. */
  private async noteResidue(context: TurnContext): Promise<void> {
    const publisherIds = context.turnState.get<string[] | undefined>(TURN_PUBLISHERS) ?? [];
    const noted = (await this.residueNoted.get(context)) ?? {};
    const openid = isWechatTurn(context) ? (context.activity.channelData as WechatChannelData).openid : undefined;
    if (await this.deps.residue.note(context, noted, publisherIds, openid)) await this.residueNoted.set(context, noted);
  }

  /**
   * Starts reading both states with the turn's first look-up, so they travel in its round trip
   * instead of two more. A stranger's are read and dropped: nothing is saved for them.
   */
  private async withStateLoaded<T>(context: TurnContext, firstLookup: Promise<T>): Promise<T> {
    const [found] = await Promise.all([firstLookup, this.deps.conversationState.load(context), this.deps.userState.load(context)]);
    return found;
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const presenter = new TeamsPresenter();
    await this.runTurn(context, presenter, readCardInvoke(invokeValue) ?? MENU_INPUT);
    return presenter.respondToInvoke(context);
  }

  // Teams sends both installationUpdate and conversationUpdate on a personal install, at once and
  // maybe to two instances: the store's put-if-absent decides which one welcomes. The flag lives
  // outside conversation state, so welcoming a stranger leaves no state of theirs behind.
  private async welcome(context: TurnContext): Promise<void> {
    if (!(await this.deps.welcomeOnce.claim(context.activity.channelId, context.activity.conversation.id))) return;
    const presenter = new TeamsPresenter();
    presenter.show(welcomeView(translator(resolveLocale(context.activity.locale))));
    await presenter.sendAll(context);
  }

  /**
   * A WeChat turn: linking comes first (it needs no binding), then the binding says who the user
   * is, then the session reads the reply against what the last answer offered. All of it as text.
   */
  private async wechatTurn(context: TurnContext): Promise<void> {
    const state = (await this.wechatState.get(context)) ?? {};
    const presenter = new WechatPresenter();
    const { openid, event } = context.activity.channelData as WechatChannelData;
    // Read once, as the user meant it: full-width digits and letters, IME punctuation and invisible
    // characters become plain (normalizeTyped) before any command, number, code or value is parsed.
    const text = normalizeTyped(context.activity.text ?? '');
    // While a form is being filled, only cancel, menu and help are commands: any other word — the
    // unbind word, a word of the other language — is the answer to the question asked.
    const answering = state.form !== undefined && !interruptsForm(text);
    const link = answering ? undefined : linkInput(text, state);
    const identity = await this.turnServices(context).service.wechatIdentity(openid);
    // WeChat sends no locale. A command word of one language (`menu`, `帮助`, `bind 123456`) says
    // which language the user speaks: a bound user's choice is remembered; a stranger's is decided
    // afresh from each message, so nothing is written for them.
    // A menu click's key is a command word the operator chose, not the user's words.
    const spoken = event || answering ? undefined : localeOfWords(text);
    if (identity && spoken) (await this.preferences.get(context, {})).locale = spoken;
    // Preferences belong to bound users only: a stranger's turn neither reads nor creates them.
    const preferences = identity ? await this.preferences.get(context) : undefined;
    const locale: Locale = preferences?.locale ?? spoken ?? 'zh-CN';
    const t = translator(locale);
    if (link) {
      await this.runTurn(context, presenter, link, { openid, locale, ...(preferences ? { preferences } : {}) });
      // A link turn that bound the user keeps its session (and the language the bind word was in);
      // one that unbound them keeps nothing.
      const bound = await this.turnServices(context).service.wechatIdentity(openid);
      if (bound) {
        context.turnState.set(KEEP_STATE, true);
        // The answer names the publisher just bound: register it like any authorized turn.
        context.turnState.set(TURN_PUBLISHERS, (await this.turnServices(context).access.membershipsOf(bound)).map((m) => m.publisherId));
        if (spoken && link.kind === 'action' && link.verb === 'wechat.bind') (await this.preferences.get(context, {})).locale = spoken;
      }
    } else if (!identity) {
      if (event === 'subscribe') presenter.say(t('wechat.welcome'));
      presenter.say(t('wechat.notBound'));
      // Sign-in is the other way in; its ticket lives in the store under its own key, not in this stranger's state.
      if (this.deps.signin) presenter.say(t('signin.offer', { url: await this.deps.signin.wechatLink(openid, preferences?.locale ?? 'zh-CN') }));
    } else {
      const input = interpretReply({ text, ...(event ? { event } : {}), t, state, presenter });
      if (input) await this.runTurn(context, presenter, input, { openid, identity, locale });
      // An answered reply (a page, a form prompt) is a bound user's turn too: it keeps the session.
      else context.turnState.set(KEEP_STATE, true);
    }
    const keep = context.turnState.get(KEEP_STATE) === true;
    // The turn may have switched the language; a stranger's turn has no preferences to ask.
    // An unlinking turn still answers in the language the user had.
    const reply = presenter.finish(state, translator((keep ? await this.preferences.get(context) : preferences)?.locale ?? locale));
    if (keep) await this.wechatState.set(context, state);
    else if (link || Object.keys(state).length > 0) {
      // Not (or no longer) bound — unlinked by the user, or its account was removed: a stranger keeps nothing.
      await this.deps.conversationState.delete(context);
      await this.deps.userState.delete(context);
    }
    if (reply) await context.sendActivity(reply);
  }

  /**
   * Runs the dialogs for one input. A WeChat turn brings its openid, and the identity its binding
   * gives (none while linking); a Teams caller is looked up by AAD identity.
   */
  private async runTurn(
    context: TurnContext,
    presenter: Presenter,
    input: TurnInput,
    wechat?: { openid: string; identity?: Identity; preferences?: UserPreferences; locale: Locale },
  ): Promise<void> {
    // A WeChat turn's language was decided from its words and the bound user's choice (wechatTurn).
    const channelLocale = wechat ? wechat.locale : resolveLocale(context.activity.locale);
    const { identity, memberships } = wechat
      ? { identity: wechat.identity, memberships: wechat.identity ? await this.turnServices(context).access.membershipsOf(wechat.identity) : [] }
      : await this.withStateLoaded(context, this.callerOf(context));
    const authorized = identity !== undefined && memberships.length > 0;
    const linking = wechat && !wechat.identity;
    if (!linking && !authorized) {
      presenter.show(notAuthorizedView(translator(channelLocale)));
      const objectId = context.activity.from?.aadObjectId;
      if (this.deps.signin && objectId && context.activity.channelId === TEAMS_CHANNEL_ID) {
        presenter.show(signinOfferView(translator(channelLocale), await this.deps.signin.teamsLink(context, objectId, channelLocale)));
      }
      return;
    }
    // Authorized: from here the user has preferences, and the turn's state is kept. A stranger
    // who is linking gets throw-away preferences, never stored.
    if (authorized) {
      context.turnState.set(KEEP_STATE, true);
      context.turnState.set(TURN_PUBLISHERS, memberships.map((m) => m.publisherId));
      await this.markSeen(context);
    }
    const preferences: UserPreferences = authorized ? await this.preferences.get(context, {}) : (wechat?.preferences ?? {});
    const locale = preferences.locale ?? channelLocale;
    const t = translator(locale);
    if (await this.unlinkedTeamsUser(context, presenter, input, t)) return;

    let turnInput = input;
    if (input.kind === 'action' && input.verb === 'publisher.select') {
      const chosen = memberships.find((m) => m.publisherId === input.data.publisherId);
      if (chosen) preferences.publisherId = chosen.publisherId;
      turnInput = { kind: 'action', verb: chosen ? 'menu' : 'publisher.choose', data: {} };
    }
    const membership =
      memberships.find((m) => m.publisherId === preferences.publisherId) ?? (memberships.length === 1 ? memberships[0] : undefined);
    // The membership was read from the store this turn: the actor follows from it.
    const actor = membership && identity && identity.channel !== 'operator' ? this.turnServices(context).access.actorFor(identity, membership) : undefined;

    setTaskContext(context, {
      input: turnInput,
      t,
      locale,
      memberships,
      ...(actor && membership ? { actor, companyName: membership.companyName } : {}),
      service: this.turnServices(context).service,
      ...(wechat ? { openid: wechat.openid, ...(this.deps.signin ? { signin: this.deps.signin } : {}) } : {}),
      policy: this.deps.policy,
      ...(this.deps.exportBaseUrl ? { exportBaseUrl: this.deps.exportBaseUrl } : {}),
      present: presenter,
      preferences,
    });
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MainDialog.id);
  }

  /**
   * User state expires after USER_STATE_TTL_DAYS without a write; botbuilder writes only what
   * changed, so a regular user whose preferences never change is marked once a day to stay.
   */
  private async markSeen(context: TurnContext): Promise<void> {
    const today = Math.floor(Date.now() / DAY_MS);
    if ((await this.lastSeenDay.get(context)) !== today) await this.lastSeenDay.set(context, today);
  }

  /**
   * The caller's AAD identity and memberships; the UPN is asked of Teams only for users not yet known by objectId.
   * Only Teams vouches for `aadObjectId`: any other Bot Framework channel (Web Chat, Direct Line) lets
   * its client put whatever it likes in `from`, so its activities carry no identity at all.
   */
  private async callerOf(context: TurnContext): Promise<{ identity?: Identity; memberships: Membership[] }> {
    const objectId = context.activity.from?.aadObjectId;
    if (!objectId || context.activity.channelId !== TEAMS_CHANNEL_ID) return { memberships: [] };
    const byObjectId: Identity = { channel: 'aad', objectId };
    const memberships = await this.turnServices(context).access.membershipsOf(byObjectId);
    if (memberships.length > 0) return { identity: byObjectId, memberships };
    const identity: Identity = { channel: 'aad', objectId, ...(await this.upnOf(context)) };
    const byUpn = await this.turnServices(context).access.membershipsOf(identity);
    if (byUpn.length > 0) return { identity, memberships: byUpn };
    // A user of another tenant who signed in with a listed account acts as that account.
    const linked = await this.deps.signin?.linkedTeamsIdentity(objectId);
    return linked ? { identity: linked, memberships: await this.turnServices(context).access.membershipsOf(linked) } : { identity, memberships: byUpn };
  }

  /** `unbind` from a Teams user linked by sign-in ends the link, with a receipt. */
  private async unlinkedTeamsUser(context: TurnContext, presenter: Presenter, input: TurnInput, t: Translate): Promise<boolean> {
    const objectId = context.activity.from?.aadObjectId;
    if (!this.deps.signin || !objectId || input.kind !== 'text' || !isWord(input.text, 'wechat.unbindWords')) return false;
    const receipt = await this.deps.signin.unlinkTeams(objectId);
    if (!receipt) return false;
    presenter.show(messageView(t('signin.unlinkedTitle'), t('signin.unlinked', { receiptId: receipt.id })));
    return true;
  }

  // Asked only while the user is unknown by objectId: once matched by UPN, the objectId is stored
  // on the account (PublisherAccess.claimObjectId), which is the lasting cache of this look-up.
  private async upnOf(context: TurnContext): Promise<{ upn?: string }> {
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      return member.userPrincipalName ? { upn: member.userPrincipalName } : {};
    } catch (error) {
      this.deps.logger.warn({ err: errorFields(error) }, 'could not look up the Teams member');
      return {};
    }
  }

}
