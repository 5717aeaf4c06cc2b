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
import { resolveLocale, translator } from '../i18n';
import { errorFields, type Logger } from '../log';
import type { Identity, Membership, PublisherAccess } from '../service/access';
import type { PrivacyService } from '../service/privacyService';
import type { WechatBindings } from '../service/wechatBindings';
import { WECHAT_CHANNEL_ID, WechatAdapter, type WechatChannelData } from '../wechat/wechatAdapter';
import { WechatPresenter } from '../wechat/wechatPresenter';
import type { WechatSession, WechatSessionState } from '../wechat/wechatSession';
import { MainDialog } from '../dialogs/mainDialog';
import { setTaskContext, type Presenter, type UserPreferences } from '../dialogs/taskContext';
import { readTurnInput, type TurnInput } from '../dialogs/turnInput';
import { notAuthorizedView, welcomeView } from '../views/menuViews';
import { TeamsPresenter } from '../teams/teamsPresenter';
import type { RetentionPolicy } from '../views/privacyViews';

export interface PrivacyBotDependencies {
  conversationState: ConversationState;
  userState: UserState;
  access: PublisherAccess;
  service: PrivacyService;
  bindings: WechatBindings;
  wechat: WechatSession;
  policy: RetentionPolicy;
  logger: Logger;
}

const TEAMS_CHANNEL_ID = 'msteams';

/** A turn from the WeChat endpoint: its channel id alone proves nothing, /api/messages could carry it too. */
function isWechatTurn(context: TurnContext): boolean {
  return context.activity.channelId === WECHAT_CHANNEL_ID && context.adapter instanceof WechatAdapter;
}

export class PrivacyBot extends TeamsActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly preferences: StatePropertyAccessor<UserPreferences>;
  private readonly wechatState: StatePropertyAccessor<WechatSessionState>;
  private readonly welcomed: StatePropertyAccessor<boolean>;

  constructor(private readonly deps: PrivacyBotDependencies) {
    super();
    this.dialogs = new DialogSet(deps.conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new MainDialog());
    this.preferences = deps.userState.createProperty<UserPreferences>('preferences');
    this.wechatState = deps.conversationState.createProperty<WechatSessionState>('wechat');
    this.welcomed = deps.conversationState.createProperty<boolean>('welcomed');

    this.onMessage(async (context, next) => {
      if (isWechatTurn(context)) {
        await this.wechatTurn(context);
        return next();
      }
      const presenter = new TeamsPresenter();
      const input = readTurnInput(context.activity) ?? { kind: 'action', verb: 'menu', data: {} };
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

  /** Saves conversation and user state after every turn, as botbuilder's samples do. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context);
    await this.deps.userState.saveChanges(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const presenter = new TeamsPresenter();
    const data = typeof invokeValue.action.data === 'object' && invokeValue.action.data !== null ? invokeValue.action.data : {};
    const input = readTurnInput({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { verb: invokeValue.action.verb, data } } });
    await this.runTurn(context, presenter, input ?? { kind: 'action', verb: 'menu', data: {} });
    return presenter.respondToInvoke(context);
  }

  // Teams sends both installationUpdate and conversationUpdate on a personal install: welcome once.
  private async welcome(context: TurnContext): Promise<void> {
    if (await this.welcomed.get(context, false)) return;
    await this.welcomed.set(context, true);
    const preferences = await this.preferences.get(context, {});
    const presenter = new TeamsPresenter();
    presenter.show(welcomeView(translator(preferences.locale ?? resolveLocale(context.activity.locale))));
    await presenter.sendAll(context);
  }

  /** A WeChat turn: the session answers what needs no dialog, the dialogs the rest, all as text. */
  private async wechatTurn(context: TurnContext): Promise<void> {
    const preferences = await this.preferences.get(context, {});
    // WeChat sends no locale: Chinese unless the user chose English.
    const t = translator(preferences.locale ?? 'zh-CN');
    const state = await this.wechatState.get(context, {});
    const presenter = new WechatPresenter();
    const channelData = context.activity.channelData as WechatChannelData;
    const decision = await this.deps.wechat.decide({
      openid: channelData.openid,
      text: context.activity.text ?? '',
      ...(channelData.event ? { event: channelData.event } : {}),
      t,
      state,
      presenter,
    });
    if (decision.kind === 'run') await this.runTurn(context, presenter, decision.input, decision.identity);
    const text = presenter.finish(state, translator(preferences.locale ?? 'zh-CN'));
    if (text) await context.sendActivity(text);
  }

  private async runTurn(context: TurnContext, presenter: Presenter, input: TurnInput, knownIdentity?: Identity): Promise<void> {
    const preferences = await this.preferences.get(context, {});
    const locale = preferences.locale ?? (context.activity.channelId === WECHAT_CHANNEL_ID ? 'zh-CN' : resolveLocale(context.activity.locale));
    const t = translator(locale);
    const { identity, memberships } = knownIdentity
      ? { identity: knownIdentity, memberships: await this.deps.access.membershipsOf(knownIdentity) }
      : await this.callerOf(context);
    if (!identity || memberships.length === 0) {
      presenter.show(notAuthorizedView(t));
      return;
    }

    let turnInput = input;
    if (input.kind === 'action' && input.verb === 'publisher.select') {
      const chosen = memberships.find((m) => m.publisherId === input.data.publisherId);
      if (chosen) preferences.publisherId = chosen.publisherId;
      turnInput = { kind: 'action', verb: chosen ? 'menu' : 'publisher.choose', data: {} };
    }
    const membership =
      memberships.find((m) => m.publisherId === preferences.publisherId) ?? (memberships.length === 1 ? memberships[0] : undefined);
    // The membership was read from the store this turn: the actor follows from it.
    const actor = membership && identity.channel !== 'operator' ? this.deps.access.actorFor(identity, membership) : undefined;

    setTaskContext(context, {
      input: turnInput,
      t,
      locale,
      memberships,
      ...(actor && membership ? { actor, companyName: membership.companyName } : {}),
      service: this.deps.service,
      bindings: this.deps.bindings,
      policy: this.deps.policy,
      present: presenter,
      preferences,
    });
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MainDialog.id);
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
    const memberships = await this.deps.access.membershipsOf(byObjectId);
    if (memberships.length > 0) return { identity: byObjectId, memberships };
    const identity: Identity = { channel: 'aad', objectId, ...(await this.upnOf(context)) };
    return { identity, memberships: await this.deps.access.membershipsOf(identity) };
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
