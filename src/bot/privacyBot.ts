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
import type { Logger } from '../log';
import type { Identity, Membership, PublisherAccess } from '../service/access';
import type { PrivacyService } from '../service/privacyService';
import { WECHAT_CHANNEL_ID, WechatAdapter, type WechatChannelData } from '../wechat/wechatAdapter';
import { WechatPresenter } from '../wechat/wechatPresenter';
import type { WechatSessionState } from '../wechat/sessionState';
import { interpretReply, linkInput } from '../wechat/wechatSession';
import { MainDialog } from '../dialogs/mainDialog';
import { setTaskContext, type Presenter, type UserPreferences } from '../dialogs/taskContext';
import { MENU_INPUT, type TurnInput } from '../dialogs/turnInput';
import { notAuthorizedView, welcomeView } from '../views/menuViews';
import { readCardInvoke, readTeamsMessage } from '../teams/teamsInput';
import { TeamsPresenter } from '../teams/teamsPresenter';
import type { RetentionPolicy } from '../views/privacyViews';

export interface PrivacyBotDependencies {
  conversationState: ConversationState;
  userState: UserState;
  access: PublisherAccess;
  service: PrivacyService;
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

  /** Saves conversation and user state after every turn, as botbuilder's samples do. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context);
    await this.deps.userState.saveChanges(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const presenter = new TeamsPresenter();
    await this.runTurn(context, presenter, readCardInvoke(invokeValue) ?? MENU_INPUT);
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

  /**
   * A WeChat turn: linking comes first (it needs no binding), then the binding says who the user
   * is, then the session reads the reply against what the last answer offered. All of it as text.
   */
  private async wechatTurn(context: TurnContext): Promise<void> {
    const preferences = await this.preferences.get(context, {});
    // WeChat sends no locale: Chinese unless the user chose English.
    const t = translator(preferences.locale ?? 'zh-CN');
    const state = await this.wechatState.get(context, {});
    const presenter = new WechatPresenter();
    const { openid, event } = context.activity.channelData as WechatChannelData;
    const text = context.activity.text ?? '';
    const link = linkInput(text, state);
    if (link) {
      await this.runTurn(context, presenter, link, { openid });
    } else {
      const identity = await this.deps.service.wechatIdentity(openid);
      if (!identity) {
        if (event === 'subscribe') presenter.say(t('wechat.welcome'));
        presenter.say(t('wechat.notBound'));
      } else {
        const input = interpretReply({ text, ...(event ? { event } : {}), t, state, presenter });
        if (input) await this.runTurn(context, presenter, input, { openid, identity });
      }
    }
    const reply = presenter.finish(state, translator(preferences.locale ?? 'zh-CN'));
    if (reply) await context.sendActivity(reply);
  }

  /**
   * Runs the dialogs for one input. A WeChat turn brings its openid, and the identity its binding
   * gives (none while linking); a Teams caller is looked up by AAD identity.
   */
  private async runTurn(context: TurnContext, presenter: Presenter, input: TurnInput, wechat?: { openid: string; identity?: Identity }): Promise<void> {
    const preferences = await this.preferences.get(context, {});
    const locale = preferences.locale ?? (wechat ? 'zh-CN' : resolveLocale(context.activity.locale));
    const t = translator(locale);
    const { identity, memberships } = wechat
      ? { identity: wechat.identity, memberships: wechat.identity ? await this.deps.access.membershipsOf(wechat.identity) : [] }
      : await this.callerOf(context);
    const linking = wechat && !wechat.identity;
    if (!linking && (!identity || memberships.length === 0)) {
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
    const actor = membership && identity && identity.channel !== 'operator' ? this.deps.access.actorFor(identity, membership) : undefined;

    setTaskContext(context, {
      input: turnInput,
      t,
      locale,
      memberships,
      ...(actor && membership ? { actor, companyName: membership.companyName } : {}),
      service: this.deps.service,
      ...(wechat ? { openid: wechat.openid } : {}),
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
      this.deps.logger.warn({ err: { name: (error as Error).name } }, 'could not look up the Teams member');
      return {};
    }
  }

}
