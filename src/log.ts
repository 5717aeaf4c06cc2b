/**
 * The process logger: structured JSON lines on stderr (pino). Nothing personal is ever passed to it;
 * log identifiers are hashes, and these redaction paths are a second line of defence.
 */
import pino from 'pino';

export type Logger = pino.Logger;

// `name` and `*.name` catch people's names (a contact, a user) that slip into a log object. An error's
// class name is therefore logged as `type` (pino's own convention, see errorFields), never as `name`.
const REDACTED = [
  'phone', 'email', 'name', 'upn', 'displayName', 'objectId', 'aadObjectId', 'openid', 'text',
  '*.phone', '*.email', '*.name', '*.upn', '*.displayName', '*.objectId', '*.aadObjectId', '*.openid', '*.text',
];

/** A logger writing to `destination` (stderr by default, so stdout stays clean for CLI output). */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      base: { app: 'publisher-privacy-assistant' },
      redact: { paths: REDACTED, censor: '[redacted]' },
      // pino's standard error serializer logs the message; ours never does, even for `{ err: error }`.
      serializers: { err: (value: unknown) => (value instanceof Error ? errorFields(value, { stack: true }) : value) },
    },
    destination,
  );
}

/** What is logged of an error, under `err`. */
export interface ErrorFields {
  /** The error's class name (`TypeError`, `WechatError`, `ErrorReply`). */
  type?: string;
  code?: string | number;
  /** The stack's frames only: its first line repeats the message. */
  stack?: string;
}

const CLASS_NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,60}$/;

/**
 * An error's class name and code — never its message, which quotes input (a zod issue, a JSON parse
 * error, a refused value). Log it as `{ err: errorFields(error) }`.
 */
export function errorFields(error: unknown, options: { stack?: boolean } = {}): ErrorFields {
  if (typeof error !== 'object' || error === null) return { type: typeof error };
  const { name, code, stack } = error as { name?: unknown; code?: unknown; stack?: unknown };
  const fields: ErrorFields = {};
  if (typeof name === 'string' && CLASS_NAME.test(name)) fields.type = name;
  if (typeof code === 'string' || typeof code === 'number') fields.code = code;
  if (options.stack && typeof stack === 'string') fields.stack = stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  return fields;
}
