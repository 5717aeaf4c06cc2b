/**
 * Entry point: reads the configuration, opens the store, wires the bot and serves it. Only wiring.
 */
import { ConfigError, loadConfig, type Config } from '../config';
import { demoPublisher } from '../demo/demoPublisher';
import { createLogger, errorFields, type Logger } from '../log';
import { startConfiguredMetrics } from '../metrics/metricsServer';
import { applyAuditRetention } from '../service/retention';
import { checkSaltFingerprint } from '../service/saltFingerprint';
import type { WechatBindings } from '../service/wechatBindings';
import { openStore, storeOptionsFrom } from '../store/openStore';
import { StoreUnavailableError, type StoreEngine } from '../store/types';
import { createBotApp } from './botApp';
import { routeConsoleToLog } from './libraryConsole';
import { listenAddresses, listenOn } from './listenAddresses';
import { createHttpServer } from './server';
import { logStartupSummary, startupSummary } from './startupSummary';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  routeConsoleToLog(logger);
  // A promise nobody awaited must not end the process (Node's default): one request's bug stays that request's.
  process.on('unhandledRejection', (reason) => logger.error({ err: errorFields(reason, { stack: true }) }, 'unhandled promise rejection'));
  const store = await openStore(storeOptionsFrom(config, (error) => logger.warn({ err: errorFields(error) }, 'store background error')));

  const { adapter, bot, wechat, bindings, signin, service } = createBotApp(config, store, logger);
  await checkSalt(config, store, bindings, logger);

  // Only an empty embedded store gets the demo publisher: never a shared Redis by itself.
  const demoLoaded = config.STORE === 'embedded' && config.DEMO_DATA === 'auto' && (await store.publishers.listIds()).length === 0;
  if (demoLoaded) {
    await store.publishers.put(demoPublisher, 'new');
    logger.info({ publisherId: demoPublisher.id }, 'loaded the demo publisher into the empty embedded store');
  }
  // Audit entries past their retention go at start-up and daily after; the other limits are key expiries.
  const retention = setInterval(() => void applyAuditRetention(store, config.AUDIT_RETENTION_DAYS).catch(() => undefined), 86_400_000);
  retention.unref();
  const expired = await applyAuditRetention(store, config.AUDIT_RETENTION_DAYS);
  if (expired > 0) logger.info({ count: expired }, 'removed audit entries past their retention');
  const metricsListener = await startConfiguredMetrics(config, logger);
  const http = createHttpServer(adapter, bot, store, logger, wechat, { keepAliveSeconds: config.HTTP_KEEP_ALIVE_SECONDS, ...(signin ? { signin: signin.routes } : {}), ...(config.PUBLIC_BASE_URL ? { exports: service } : {}) });
  const listening = await listenOn(http.server.server, config.PORT, listenAddresses(config), logger);
  if (!config.MicrosoftAppId) {
    logger.warn(
      { addresses: listening.addresses },
      config.ALLOW_UNAUTHENTICATED && config.HOST
        ? `MicrosoftAppId is not set and ALLOW_UNAUTHENTICATED=true: anyone who can reach ${config.HOST} can act as any Teams user`
        : 'MicrosoftAppId is not set: the bot accepts unauthenticated requests, so it listens on loopback only; to serve other addresses set MicrosoftAppId, or HOST with ALLOW_UNAUTHENTICATED=true',
    );
  }
  logStartupSummary(logger, startupSummary(config, process.env, { demoLoaded, metricsPort: metricsListener?.port }));
  logger.info({ port: listening.port, addresses: listening.addresses, store: store.name, cloud: config.BOT_CLOUD }, 'listening');

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await listening.close();
    await http.drain(10_000);
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

// A changed AUDIT_SALT would orphan every WeChat binding keyed with the old one: only a confirmed change goes ahead.
async function checkSalt(config: Config, store: StoreEngine, bindings: WechatBindings, logger: Logger): Promise<void> {
  const check = await checkSaltFingerprint(store.kv, config.AUDIT_SALT, bindings, config.AUDIT_SALT_ROTATE);
  if (check.kind === 'changed') {
    await store.close();
    throw new ConfigError(
      `AUDIT_SALT: differs from the salt this store was used with. Changing it disconnects the ${check.bindings} WeChat binding(s) made with the old one ` +
        '(their users would have to bind again) and gives every user new audit pseudonyms. Restore the previous AUDIT_SALT, ' +
        'or start once with AUDIT_SALT_ROTATE=true to accept the change: the old bindings are then removed, each with an erasure receipt.',
    );
  }
  if (check.kind === 'rotated') logger.warn({ removedBindings: check.removedBindings }, 'AUDIT_SALT changed (AUDIT_SALT_ROTATE=true): removed the WeChat bindings made with the old salt');
  if (check.kind === 'unchanged' && config.AUDIT_SALT_ROTATE) logger.info('AUDIT_SALT_ROTATE is set but the salt is unchanged: the setting can be removed');
}

main().catch((error: unknown) => {
  // Start-up errors name the bad setting and the reason; they carry no personal data. Only an
  // unforeseen fault gets its stack.
  const known = error instanceof ConfigError || error instanceof StoreUnavailableError;
  process.stderr.write(`${known ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
