/** Builds sign-in from the configuration when AAD_CLIENT_ID is set: the offers the bot makes and the routes that finish them. */
import type { CloudAdapter } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { PublisherAccess } from '../service/access';
import type { WechatBindings } from '../service/wechatBindings';
import type { StoreEngine } from '../store/types';
import type { WechatApiClient } from '../wechat/protocol/apiClient';
import { OidcClient } from './oidcClient';
import { SigninFlow } from './signinFlow';
import { SigninNotifier } from './signinNotifier';
import { SigninOffers } from './signinOffers';
import type { SigninRouteOptions } from './signinRoutes';
import { SigninTickets } from './signinTickets';

export interface Signin {
  offers: SigninOffers;
  routes: SigninRouteOptions;
}

export interface SigninParts {
  store: StoreEngine;
  access: PublisherAccess;
  /** The service's one holder of bindings, and its Teams side: sign-in links go where code bindings go. */
  wechatBindings: WechatBindings;
  teamsLinks: WechatBindings;
  adapter: CloudAdapter;
  wechatApi: WechatApiClient | undefined;
  logger: Logger;
  /** The bot's app id, for proactive Teams messages ('' when running without credentials). */
  botAppId: string;
}

export function createSignin(config: Config, parts: SigninParts): Signin | undefined {
  const { AAD_CLIENT_ID: clientId, AAD_CLIENT_SECRET: clientSecret, PUBLIC_BASE_URL: publicBaseUrl } = config;
  // loadConfig refuses a client id without the secret and the public address.
  if (!clientId || !clientSecret || !publicBaseUrl) return undefined;
  const tickets = new SigninTickets(parts.store.kv);
  const { teamsLinks } = parts;
  const oidc = new OidcClient({ authority: config.AAD_AUTHORITY, clientId, clientSecret, redirectUri: `${publicBaseUrl}/auth/callback` });
  const flow = new SigninFlow({ oidc, tickets, access: parts.access, wechatBindings: parts.wechatBindings, teamsLinks, logger: parts.logger });
  const notifier = new SigninNotifier({ adapter: parts.adapter, appId: parts.botAppId }, parts.wechatApi);
  return {
    offers: new SigninOffers(tickets, publicBaseUrl, teamsLinks, parts.store.publishers),
    routes: { flow, notifier, publicBaseUrl, logger: parts.logger },
  };
}
