/**
 * Entry point: reads the configuration, opens the store, wires the bot and serves it. Only wiring.
 */
import { ConfigError, loadConfig } from '../config';
import { demoPublisher } from '../demo/demoPublisher';
import { createLogger } from '../log';
import { applyAuditRetention } from '../service/retention';
import { openStore, storeOptionsFrom } from '../store/openStore';
import { createBotApp } from './botApp';
import { createHttpServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const store = await openStore(
    storeOptionsFrom(config, (error) => logger.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'store background error')),
  );

  // Only an empty embedded store gets the demo publisher: never a shared Redis by itself.
  if (config.STORE === 'embedded' && config.DEMO_DATA === 'auto' && (await store.publishers.listIds()).length === 0) {
    await store.publishers.put(demoPublisher, 'new');
    logger.info({ publisherId: demoPublisher.id }, 'loaded the demo publisher into the empty embedded store');
  }
  // Audit entries past their retention go at start-up and daily after; the other limits are key expiries.
  const retention = setInterval(() => void applyAuditRetention(store, config.AUDIT_RETENTION_DAYS).catch(() => undefined), 86_400_000);
  retention.unref();
  const expired = await applyAuditRetention(store, config.AUDIT_RETENTION_DAYS);
  if (expired > 0) logger.info({ count: expired }, 'removed audit entries past their retention');
  if (!process.env.MicrosoftAppId) {
    logger.warn('MicrosoftAppId is not set: the bot accepts unauthenticated requests (local use only)');
  }

  const { adapter, bot, wechat } = createBotApp(config, store, logger);
  const http = createHttpServer(adapter, bot, store, logger, wechat);
  await new Promise<void>((resolve) => {
    http.server.server.listen(config.PORT, resolve);
  });
  const address = http.server.server.address();
  logger.info({ port: typeof address === 'object' && address ? address.port : config.PORT, store: store.name }, 'listening');

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await http.drain(10_000);
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Start-up errors name the bad setting; they carry no personal data.
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
