/**
 * The process logger: structured JSON lines on stderr (pino). Nothing personal is ever passed to it;
 * log identifiers are hashes, and these redaction paths are a second line of defence.
 */
import pino from 'pino';

export type Logger = pino.Logger;

const REDACTED = [
  'phone', 'email', 'name', 'upn', 'displayName', 'objectId', 'aadObjectId', 'openid', 'text',
  '*.phone', '*.email', '*.name', '*.upn', '*.displayName', '*.objectId', '*.aadObjectId', '*.openid', '*.text',
];

/** A logger writing to `destination` (stderr by default, so stdout stays clean for CLI output). */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, base: { app: 'publisher-privacy-assistant' }, redact: { paths: REDACTED, censor: '[redacted]' } }, destination);
}
