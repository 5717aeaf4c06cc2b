/** `npm run export -- PUBLISHER_ID`: everything held about one publisher, as one JSON document on stdout. */
import { operatorActor } from '../service/access';
import { PrivacyService } from '../service/privacyService';
import { isPrivacyError } from '../service/errors';
import { oneOperand, runCli } from './cliContext';

runCli({ key: 'cli.exportUsage', accepts: oneOperand }, async ({ store, t, config }, [publisherId = '']) => {
  try {
    const exported = await new PrivacyService(store, config.AUDIT_SALT).exportAll(operatorActor(publisherId));
    process.stdout.write(`${JSON.stringify(exported, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!isPrivacyError(error, 'E-FORBIDDEN')) throw error;
    console.error(t('cli.unknownPublisher', { publisherId }));
    return 1;
  }
});
