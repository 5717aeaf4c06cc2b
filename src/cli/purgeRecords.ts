/** `npm run purge-records -- --older-than 365d`: removes request records older than that, from every publisher. */
import { parseDuration, purgeRequestRecords } from '../service/retention';
import { runCli } from './cliContext';

/** The cut-off an age names, if it is one the calendar can hold. */
function cutoffFor(age: string): Date | undefined {
  const ms = parseDuration(age);
  const cutoff = ms === undefined ? undefined : new Date(Date.now() - ms);
  return cutoff && !Number.isNaN(cutoff.getTime()) ? cutoff : undefined;
}

const accepts = (args: string[]): boolean => args.length === 2 && args[0] === '--older-than' && cutoffFor(args[1] ?? '') !== undefined;

runCli({ key: 'cli.purgeUsage', accepts }, async ({ store, t }, [, age = '']) => {
  const cutoff = cutoffFor(age) ?? new Date();
  const purged = await purgeRequestRecords(store, cutoff);
  console.error(t('cli.purged', { count: purged, cutoff: cutoff.toISOString() }));
  return 0;
});
