/**
 * `npm run import -- FILE.json [--replace]`: validates the whole file, then creates its publishers.
 * A publisher that exists is replaced only with `--replace`, since whatever the file no longer holds
 * is erased; without it the command prints what would go and writes nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Publisher } from '../domain/publisher';
import type { Translate } from '../i18n';
import { recordErasure } from '../service/receipts';
import { leafStrings, sweepResidue } from '../service/residue';
import { PrivacyService } from '../service/privacyService';
import { aadActorId } from '../audit/actorHash';
import type { StoreEngine } from '../store/types';
import { runCli, type CliContext } from './cliContext';
import { parseImportFile } from './importFile';
import { creditCodeWarnings, erasedCategories, erasedRecordIds, removalsOf, type ImportRemovals } from './importPlan';

const REPLACE = '--replace';
const accepts = (args: string[]): boolean => {
  const operands = args.filter((arg) => arg !== REPLACE);
  return operands.length === 1 && !operands[0]!.startsWith('-') && args.length - operands.length <= 1;
};

interface Planned {
  publisher: Publisher;
  /** The stored version it replaces, or 'new'. */
  expected: number | 'new';
  removals?: ImportRemovals;
}

runCli({ key: 'cli.importUsage', accepts }, async (cli, args) => {
  const { t } = cli;
  const replace = args.includes(REPLACE);
  const file = args.find((arg) => arg !== REPLACE) ?? '';
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
    for (const error of result.errors) console.error(`${error.path || '(file)'}: ${t(error.messageKey, error.params)}`);
    console.error(t('cli.importRefused', { count: result.errors.length }));
    return 1;
  }
  for (const index of creditCodeWarnings(result.publishers)) console.error(`publishers[${index}].creditCode: ${t('warnings.creditCodeCheck')}`);

  const plan = await planImport(cli.store, result.publishers, t);
  if (!plan.ok) {
    for (const line of plan.errors) console.error(line);
    console.error(t('cli.importRefused', { count: plan.errors.length }));
    return 1;
  }
  const replacing = plan.publishers.filter((planned) => planned.removals && erasedCategories(planned.removals).length > 0);
  if (replacing.length > 0 && !replace) {
    for (const planned of replacing) console.error(removalLine(t, planned));
    console.error(t('cli.importWouldRemove', { count: replacing.length }));
    return 1;
  }
  for (const planned of plan.publishers) {
    const receiptId = await apply(cli, planned);
    if (receiptId) console.error(t('cli.replaced', { publisherId: planned.publisher.id, items: removedItems(t, planned), receiptId }));
  }
  cli.logger.info({ count: plan.publishers.length, replaced: replacing.length }, 'import finished');
  console.error(t('cli.imported', { count: plan.publishers.length }));
  return 0;
});

/** Reads what each publisher would replace; refuses records that were erased before (listed by position). */
async function planImport(store: StoreEngine, publishers: Publisher[], t: Translate): Promise<{ ok: true; publishers: Planned[] } | { ok: false; errors: string[] }> {
  const planned: Planned[] = [];
  const errors: string[] = [];
  for (const [index, publisher] of publishers.entries()) {
    const erased = erasedRecordIds(await store.audit.list(publisher.id));
    publisher.requestRecords.forEach((record, at) => {
      if (erased.has(record.id)) errors.push(`publishers[${index}].requestRecords[${at}]: ${t('cli.recordErasedBefore', { recordId: record.id })}`);
    });
    const stored = await store.publishers.get(publisher.id);
    planned.push(stored ? { publisher, expected: stored.version, removals: removalsOf(stored.publisher, publisher) } : { publisher, expected: 'new' });
  }
  return errors.length ? { ok: false, errors } : { ok: true, publishers: planned };
}

function removalLine(t: Translate, planned: Planned): string {
  return t('cli.removes', { publisherId: planned.publisher.id, items: removedItems(t, planned) });
}

function removedItems(t: Translate, planned: Planned): string {
  const erased = planned.removals ? erasedCategories(planned.removals) : [];
  return erased.map(({ category, count }) => t(`cli.removedCategory.${category}`, { count })).join(t('common.listSeparator'));
}

/**
 * Writes one publisher. A replacement is an erasure of what it removes: a receipt, the removed values
 * swept from state, and the WeChat bindings and Teams sign-in links that removed accounts vouched for revoked.
 */
async function apply({ store, config }: CliContext, planned: Planned): Promise<string | undefined> {
  const { publisher, removals } = planned;
  // The version read for the plan: a change made meanwhile (a user in the bot) is a conflict, not lost.
  await store.publishers.put(publisher, planned.expected);
  await store.audit.append({ at: new Date().toISOString(), actor: 'operator', publisherId: publisher.id, action: 'import', fields: [] });
  const erased = removals ? erasedCategories(removals) : [];
  if (!removals || erased.length === 0) return undefined;
  const { bindings, teamsLinks } = new PrivacyService(store, config.AUDIT_SALT);
  for (const account of removals.aadAccounts) {
    if (!account.objectId) continue;
    // WeChat users and linked Teams users the removed account vouched for lose access with it.
    const issuedBy = aadActorId(config.AUDIT_SALT, account.objectId);
    await bindings.revokeIssuedBy(publisher.id, issuedBy, 'operator');
    await teamsLinks.revokeIssuedBy(publisher.id, issuedBy, 'operator');
  }
  const remaining = new Set(leafStrings(publisher));
  await sweepResidue(store.kv, leafStrings(removals).filter((value) => !remaining.has(value)));
  const fields = [
    ...removals.offers.map((offer) => `offers[${offer.id}]`),
    ...removals.requestRecords.map((record) => `requestRecords[${record.id}]`),
    ...(removals.contacts.length ? ['contacts'] : []),
    ...(removals.aadAccounts.length ? ['aadAccounts'] : []),
  ];
  return (await recordErasure(store.audit, { actor: 'operator', publisherId: publisher.id, action: 'import.replace', fields, erased })).id;
}
