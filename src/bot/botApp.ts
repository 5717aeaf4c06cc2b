/**
 * Builds the bot and its adapter from a configuration and an open store: the graph every entry
 * point (server, tests) shares. No I/O happens here.
 */
import { randomUUID } from 'node:crypto';
import {
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  UserState,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config';
import { resolveLocale, translator } from '../i18n';
import { errorFields, type Logger } from '../log';
import { PublisherAccess } from '../service/access';
import { PrivacyService } from '../service/privacyService';
import type { WechatBindings } from '../service/wechatBindings';
import { BotStateStorage } from './botStateStorage';
import type { StoreEngine } from '../store/types';
import { botFrameworkSettings } from './botFrameworkSettings';
import { GuardedCloudAdapter } from './guardedCloudAdapter';
import { PrivacyBot } from './privacyBot';
import { WelcomeOnce } from './welcomeOnce';
import { describeTurnFailure } from './turnFailure';
import { turnLogger } from './turnLogger';
import { typingIndicator } from './typingIndicator';
import { invokeResponseActivity, messageInvokeResponse } from '../teams/invokeResponse';
import type { WechatEndpointOptions } from '../wechat/wechatEndpoint';
import { WechatAdapter } from '../wechat/wechatAdapter';
import { WechatApiClient } from '../wechat/protocol/apiClient';
import { WechatMessageCrypto } from '../wechat/protocol/crypto';
import { createSignin, type Signin } from '../signin/signinWiring';
import { ResidueRegistry } from '../service/residueRegistry';
import { TurnResidue } from './turnResidue';

export interface BotApp {
  adapter: GuardedCloudAdapter;
  /** Set when WECHAT_TOKEN is configured. */
  wechat?: WechatEndpointOptions;
  bot: PrivacyBot;
  service: PrivacyService;
  access: PublisherAccess;
  conversationState: ConversationState;
  bindings: WechatBindings;
  /** Set when AAD_CLIENT_ID is configured. */
  signin?: Signin;
}

export function createBotApp(config: Config, store: StoreEngine, logger: Logger): BotApp {
  // Only the validated settings reach botbuilder, never the whole environment.
  const authentication = new ConfigurationBotFrameworkAuthentication(botFrameworkSettings(config));
  const adapter = new GuardedCloudAdapter(authentication);
  const storage = new BotStateStorage(store.kv, {
    conversationTtlMs: config.CONVERSATION_TTL_MINUTES * 60_000,
    userTtlMs: config.USER_STATE_TTL_DAYS * 86_400_000,
  });
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const access = new PublisherAccess(store.publishers, config.AUDIT_SALT);
  const service = new PrivacyService(store, config.AUDIT_SALT);

  adapter.use(turnLogger(logger));
  adapter.use(typingIndicator(800, 2000));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const correlationId = randomUUID();
    const t = translator(resolveLocale(context.activity.locale));
    const failure = describeTurnFailure(error, t, correlationId);
    // The error's name and stack locate the fault without carrying any user's values.
    logger.error({ correlationId, code: failure.code, err: errorFields(error, { stack: true }) }, 'turn failed');
    // A store that is down cannot delete the state either; waiting on it would only delay the answer.
    if (failure.storeUsable) await conversationState.delete(context).catch(() => undefined);
    if (context.activity.type === 'invoke') {
      await context.sendActivity(invokeResponseActivity(messageInvokeResponse(failure.text))).catch(() => undefined);
    }
    await context.sendActivity(failure.text).catch(() => undefined);
  };

  const { bindings } = service;
  const wechatApi = config.WECHAT_APP_ID && config.WECHAT_APP_SECRET
    ? new WechatApiClient({ appId: config.WECHAT_APP_ID, appSecret: config.WECHAT_APP_SECRET, kv: store.kv, baseUrl: config.WECHAT_API_BASE_URL })
    : undefined;
  const signin = createSignin(config, { store, access, wechatBindings: bindings, teamsLinks: service.teamsLinks, adapter, wechatApi, logger, botAppId: config.MicrosoftAppId ?? '' });
  const policy = { privacyContact: config.PRIVACY_CONTACT, conversationTtlMinutes: config.CONVERSATION_TTL_MINUTES, auditRetentionDays: config.AUDIT_RETENTION_DAYS };
  const welcomeOnce = new WelcomeOnce(store.kv, config.CONVERSATION_TTL_MINUTES * 60_000);
  const residue = new TurnResidue({ registry: new ResidueRegistry(store.kv), storage, conversationState, conversationTtlMs: config.CONVERSATION_TTL_MINUTES * 60_000, salt: config.AUDIT_SALT });
  const bot = new PrivacyBot({ conversationState, userState, access, service, policy, logger, welcomeOnce, residue, ...(config.PUBLIC_BASE_URL ? { exportBaseUrl: config.PUBLIC_BASE_URL } : {}), ...(signin ? { signin: signin.offers } : {}) });
  const wechatEndpoint = config.WECHAT_TOKEN ? wechatEndpointOptions(config, config.WECHAT_TOKEN, store, bot, conversationState, logger, wechatApi) : undefined;
  return { adapter, bot, service, access, conversationState, bindings, ...(wechatEndpoint ? { wechat: wechatEndpoint } : {}), ...(signin ? { signin } : {}) };
}

function wechatEndpointOptions(config: Config, token: string, store: StoreEngine, bot: PrivacyBot, conversationState: ConversationState, logger: Logger, api: WechatApiClient | undefined): WechatEndpointOptions {
  const adapter = new WechatAdapter(config.AUDIT_SALT);
  adapter.use(turnLogger(logger));
  adapter.onTurnError = async (context, error) => {
    const correlationId = randomUUID();
    const failure = describeTurnFailure(error, translator('zh-CN'), correlationId);
    logger.error({ correlationId, channelId: 'wechat', code: failure.code, err: errorFields(error, { stack: true }) }, 'turn failed');
    if (failure.storeUsable) await conversationState.delete(context).catch(() => undefined);
    await context.sendActivity(failure.text);
  };
  const crypto = config.WECHAT_ENCODING_AES_KEY && config.WECHAT_APP_ID
    ? new WechatMessageCrypto({
        appId: config.WECHAT_APP_ID,
        encodingAesKey: config.WECHAT_ENCODING_AES_KEY,
        ...(config.WECHAT_PREVIOUS_ENCODING_AES_KEY ? { previousEncodingAesKey: config.WECHAT_PREVIOUS_ENCODING_AES_KEY } : {}),
      })
    : undefined;
  return {
    token,
    ...(crypto ? { crypto } : {}),
    ...(api ? { api } : {}),
    maxSkewSeconds: config.WECHAT_MAX_CLOCK_SKEW_SECONDS,
    replyBudgetMs: config.WECHAT_REPLY_BUDGET_MS,
    adapter,
    bot,
    kv: store.kv,
    salt: config.AUDIT_SALT,
    logger,
  };
}
