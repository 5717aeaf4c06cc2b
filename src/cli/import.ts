/** `npm run import -- FILE.json`: validates the whole file, then creates or replaces its publishers. */
import { readFile } from 'node:fs/promises';
import { runCli } from './cliContext';
import { parseImportFile } from './importFile';

runCli(async ({ store, t, logger }, [file]) => {
  if (!file) {
    console.error(t('cli.importUsage'));
    return 2;
  }
  const result = parseImportFile(await readFile(file, 'utf8'));
  if (!result.ok) {
    for (const error of result.errors) console.error(`${error.path || '(file)'}: ${t(error.messageKey)}`);
    console.error(t('cli.importRefused', { count: result.errors.length }));
    return 1;
  }
  for (const publisher of result.publishers) {
    await store.publishers.put(publisher, 'any');
    await store.audit.append({ at: new Date().toISOString(), actor: 'operator', publisherId: publisher.id, action: 'import', fields: [] });
  }
  logger.info({ count: result.publishers.length }, 'import finished');
  console.error(t('cli.imported', { count: result.publishers.length }));
  return 0;
});
