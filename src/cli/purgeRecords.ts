/** `npm run purge-records -- --older-than 365d`: removes request records older than that, from every publisher. */
import { parseDuration, purgeRequestRecords } from '../service/retention';
import { runCli } from './cliContext';

const accepts = (args: string[]): boolean => args.length === 2 && args[0] === '--older-than' && parseDuration(args[1] ?? '') !== undefined;

runCli({ key: 'cli.purgeUsage', accepts }, async ({ store, t }, [, age = '']) => {
  const cutoff = new Date(Date.now() - (parseDuration(age) ?? 0));
  const purged = await purgeRequestRecords(store, cutoff);
  console.error(t('cli.purged', { count: purged, cutoff: cutoff.toISOString() }));
  return 0;
});
