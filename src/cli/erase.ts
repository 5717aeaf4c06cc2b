/** `npm run erase -- PUBLISHER_ID --confirm`: erases everything about a publisher but the PII-free audit trail and the receipt. */
import { erasePublisher } from '../service/publisherErasure';
import { PrivacyService } from '../service/privacyService';
import { runCli } from './cliContext';

const accepts = (args: string[]): boolean => args.length === 2 && args[1] === '--confirm' && !args[0]!.startsWith('-');

runCli({ key: 'cli.eraseUsage', accepts }, async ({ store, t, config }, [publisherId = '']) => {
  const receipt = await erasePublisher(store, new PrivacyService(store, config.AUDIT_SALT).bindings, publisherId, 'operator');
  if (!receipt) {
    console.error(t('cli.unknownPublisher', { publisherId }));
    return 1;
  }
  process.stdout.write(`${JSON.stringify(receipt, null, 2)}\n`);
  console.error(t('cli.erased', { publisherId, receiptId: receipt.id }));
  return 0;
});
