/**
 * botbuilder writes failed token checks to the console, stack traces and all. Everything libraries
 * print goes to the JSON log instead, reduced to what cannot carry a token or a user's value.
 */
import { errorFields, type Logger } from '../log';

const METHODS = ['error', 'warn', 'info', 'log', 'debug', 'trace'] as const;

/** Replaces the console's methods with one JSON log line each (the error's name and code, no text). */
export function routeConsoleToLog(logger: Logger): void {
  for (const method of METHODS) {
    // eslint-disable-next-line no-console -- replacing the console is this module's one job
    console[method] = (...args: unknown[]): void => {
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const summary = error ? { err: errorFields(error) } : { args: args.length };
      (method === 'error' || method === 'warn' ? logger.warn.bind(logger) : logger.debug.bind(logger))({ source: 'console', method, ...summary }, 'a library wrote to the console');
    };
  }
}
