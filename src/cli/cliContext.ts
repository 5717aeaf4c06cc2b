/** What every operator command shares: configuration, a logger on stderr, the store, the operator's language. */
import { loadConfig, type Config } from '../config';
import { resolveLocale, translator, type Translate } from '../i18n';
import { createLogger, type Logger } from '../log';
import { openStore, storeOptionsFrom } from '../store/openStore';
import type { StoreEngine } from '../store/types';

export interface CliContext {
  config: Config;
  logger: Logger;
  store: StoreEngine;
  t: Translate;
}

/** The operator's language, from the POSIX locale variables (an empty one counts as unset). */
export function operatorTranslator(env: NodeJS.ProcessEnv = process.env): Translate {
  return translator(resolveLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG));
}

/**
 * Runs an operator command with an open store, closing it afterwards; the exit code is what `command`
 * returns. Arguments are checked before the store is opened, so a usage error touches nothing.
 */
export function runCli(usage: { key: string; accepts: (args: string[]) => boolean }, command: (cli: CliContext, args: string[]) => Promise<number>): void {
  void (async () => {
    let store: StoreEngine | undefined;
    const t = operatorTranslator();
    const args = process.argv.slice(2);
    if (!usage.accepts(args)) {
      process.stderr.write(`${t(usage.key)}\n`);
      process.exitCode = 2;
      return;
    }
    try {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      store = await openStore(storeOptionsFrom(config));
      process.exitCode = await command({ config, logger, store, t }, args);
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    } finally {
      await store?.close();
    }
  })();
}

/** One argument that is not an option, e.g. a file or a publisher id. */
export function oneOperand(args: string[]): boolean {
  return args.length === 1 && !args[0]!.startsWith('-');
}
