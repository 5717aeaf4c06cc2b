/** What every operator command shares: configuration, a logger on stderr, the store, the operator's language. */
import { loadConfig, type Config } from '../config';
import { resolveLocale, translator, type Translate } from '../i18n';
import { createLogger, type Logger } from '../log';
import { openStore } from '../store/openStore';
import type { StoreEngine } from '../store/types';

export interface CliContext {
  config: Config;
  logger: Logger;
  store: StoreEngine;
  t: Translate;
}

/** Runs an operator command with an open store, closing it afterwards; the exit code is what `command` returns. */
export function runCli(command: (cli: CliContext, args: string[]) => Promise<number>): void {
  void (async () => {
    let store: StoreEngine | undefined;
    try {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      store = await openStore({ store: config.STORE, dataDir: config.DATA_DIR, redisUrl: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX });
      const t = translator(resolveLocale(process.env.LC_ALL ?? process.env.LANG));
      process.exitCode = await command({ config, logger, store, t }, process.argv.slice(2));
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    } finally {
      await store?.close();
    }
  })();
}
