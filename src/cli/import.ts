/** `npm run import -- FILE.json`: validates the whole file, then creates or replaces its publishers. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { oneOperand, runCli } from './cliContext';
import { parseImportFile } from './importFile';

runCli({ key: 'cli.importUsage', accepts: oneOperand }, async ({ store, t, logger }, [file = '']) => {
  // npm runs scripts from the package root: resolve a relative path against where the operator stands.
  const location = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  let bytes: Buffer;
  try {
    bytes = await readFile(location);
  } catch {
    console.error(t('cli.cannotRead', { file }));
    return 1;
  }
  const result = parseImportFile(bytes);
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
