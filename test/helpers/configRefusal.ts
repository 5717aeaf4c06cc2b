/** The message of the ConfigError that loadConfig throws for `env`; fails the test when it accepts `env`. */
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';

export function configRefusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  return assert.fail(`expected ${JSON.stringify(env)} to be refused`);
}
