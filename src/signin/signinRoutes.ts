/**
 * GET /auth/start?t=… and GET /auth/callback: the browser's side of sign-in. Queries are read from
 * the raw URL, each parameter exactly once and of bounded length; anything else gets a plain page
 * and changes nothing. The chat hears of a link through the notifier, after the page is decided.
 */
import type restify from 'restify';
import type { Logger } from '../log';
import { renderSigninPage, PAGE_CSP, type PageData } from './signinPage';
import type { SigninFlow } from './signinFlow';
import type { SigninNotifier } from './signinNotifier';

export const BROWSER_COOKIE = 'ppa_signin';
const MAX_PARAM_LENGTH = 4096;

export interface SigninRouteOptions {
  flow: SigninFlow;
  notifier: SigninNotifier;
  publicBaseUrl: string;
  logger: Logger;
}

export function registerSigninRoutes(server: restify.Server, options: SigninRouteOptions): void {
  const secure = options.publicBaseUrl.startsWith('https:');

  server.get('/auth/start', async (req, res) => {
    const t = singleParam(req, 't');
    if (t === undefined) return sendPage(res, 400, { kind: 'badRequest' });
    const outcome = await options.flow.start(t);
    if (outcome.kind === 'refused') return sendPage(res, outcome.reason === 'ticket' ? 410 : 503, { kind: outcome.reason === 'ticket' ? 'ticket' : 'provider' });
    const cookie = `${BROWSER_COOKIE}=${outcome.browserSecret}; Path=/auth; Max-Age=600; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
    res.writeHead(302, { Location: outcome.url.href, 'Set-Cookie': cookie, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    res.end();
  });

  server.get('/auth/callback', async (req, res) => {
    const state = singleParam(req, 'state');
    if (state === undefined) return sendPage(res, 400, { kind: 'badRequest' });
    const callbackUrl = new URL(`${options.publicBaseUrl}/auth/callback${new URL(req.url ?? '/', 'http://x').search}`);
    const outcome = await options.flow.finish(callbackUrl, state, cookieValue(req.headers.cookie, BROWSER_COOKIE));
    // The browser's cookie has done its one job.
    res.setHeader('Set-Cookie', `${BROWSER_COOKIE}=; Path=/auth; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
    if (outcome.kind === 'refused') return sendPage(res, 400, { kind: outcome.reason === 'state' ? 'expired' : 'badRequest', ...(outcome.locale ? { locale: outcome.locale } : {}) });
    if (outcome.kind === 'noMatch') return sendPage(res, 403, { kind: 'noMatch', locale: outcome.ticket.locale });
    sendPage(res, 200, { kind: 'linked', locale: outcome.ticket.locale, companyName: outcome.companyName, channel: outcome.ticket.channel });
    await options.notifier.linked(outcome.ticket, outcome.companyName).catch((error: unknown) => {
      options.logger.warn({ err: { name: (error as Error).name, code: (error as { code?: unknown }).code } }, 'could not tell the chat about the sign-in');
    });
  });
}

/** The parameter when the query holds it exactly once, non-empty and bounded; undefined otherwise. */
function singleParam(req: restify.Request, name: string): string | undefined {
  const values = new URL(req.url ?? '/', 'http://x').searchParams.getAll(name);
  const [value] = values;
  return values.length === 1 && value && value.length <= MAX_PARAM_LENGTH ? value : undefined;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8192) return undefined;
  const values = header.split(';').map((part) => part.trim()).filter((part) => part.startsWith(`${name}=`));
  return values.length === 1 ? values[0]!.slice(name.length + 1) : undefined;
}

function sendPage(res: restify.Response, status: number, page: PageData): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(renderSigninPage(page));
}
