import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../src/config';

const VARIABLES = ['HTTP_KEEP_ALIVE_SECONDS', 'PORT', 'STORE', 'DATA_DIR', 'REDIS_URL', 'REDIS_CLUSTER_NODES', 'STORE_COMMAND_TIMEOUT_MS', 'CONVERSATION_TTL_MINUTES', 'USER_STATE_TTL_DAYS', 'AUDIT_RETENTION_DAYS', 'LOG_LEVEL', 'DEMO_DATA', 'MicrosoftAppType'];

/** The ConfigError loadConfig throws for `env`; fails the test when it does not throw one. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  return assert.fail(`expected ${JSON.stringify(env)} to be refused`);
}

function namesVariable(message: string, variable: string): boolean {
  return new RegExp(`(^|[^A-Za-z_])${variable}([^A-Za-z_]|$)`).test(message);
}

describe('config loadConfig', () => {
  describe('defaults when nothing is set', () => {
    const DEFAULTS = {
      PORT: 3978,
      STORE: 'embedded',
      DATA_DIR: './data',
      REDIS_URL: 'redis://127.0.0.1:6379',
      CONVERSATION_TTL_MINUTES: 30,
      USER_STATE_TTL_DAYS: 90,
      AUDIT_RETENTION_DAYS: 1095,
      LOG_LEVEL: 'info',
      DEMO_DATA: 'auto',
      STORE_COMMAND_TIMEOUT_MS: 2000,
      HTTP_KEEP_ALIVE_SECONDS: 65,
    } as const;
    for (const [name, value] of Object.entries(DEFAULTS)) {
      it(`${name} defaults to ${JSON.stringify(value)}`, () => {
        assert.equal(loadConfig({})[name as keyof typeof DEFAULTS], value);
      });
    }

    it('leaves the Bot Framework credentials unset', () => {
      const config = loadConfig({});
      assert.deepEqual([config.MicrosoftAppId, config.MicrosoftAppPassword, config.MicrosoftAppType, config.MicrosoftAppTenantId], [undefined, undefined, undefined, undefined]);
    });
  });

  it('treats every empty string as unset', () => {
    const empty = Object.fromEntries([...VARIABLES, 'AUDIT_SALT', 'PRIVACY_CONTACT', 'MicrosoftAppId'].map((name) => [name, '']));
    assert.deepEqual(loadConfig(empty), loadConfig({}));
  });

  it('reads and converts values that are set', () => {
    const config = loadConfig({
      PORT: '8080',
      STORE: 'redis',
      DATA_DIR: '/var/lib/ppa',
      REDIS_URL: 'rediss://cache.example.cn:6380/0',
      CONVERSATION_TTL_MINUTES: '15',
      AUDIT_RETENTION_DAYS: '365',
      LOG_LEVEL: 'debug',
    });
    assert.deepEqual(
      [config.PORT, config.STORE, config.DATA_DIR, config.REDIS_URL, config.CONVERSATION_TTL_MINUTES, config.AUDIT_RETENTION_DAYS, config.LOG_LEVEL],
      [8080, 'redis', '/var/lib/ppa', 'rediss://cache.example.cn:6380/0', 15, 365, 'debug'],
    );
  });

  // A blank PORT must not quietly become port 0 (a random port): unset it or refuse it.
  it('does not turn a whitespace-only PORT into port 0', () => {
    let port: number | undefined;
    try {
      port = loadConfig({ PORT: ' ' }).PORT;
    } catch (error) {
      assert.ok(error instanceof ConfigError && namesVariable(error.message, 'PORT'), String(error));
      return;
    }
    assert.equal(port, 3978, 'PORT=" " should count as unset (3978) or be refused, not read as 0');
  });

  it('reads HTTP_KEEP_ALIVE_SECONDS', () => {
    assert.equal(loadConfig({ HTTP_KEEP_ALIVE_SECONDS: '120' }).HTTP_KEEP_ALIVE_SECONDS, 120);
  });

  it('ignores unrelated environment variables', () => {
    assert.deepEqual(loadConfig({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'production' }), loadConfig({}));
  });

  describe('refuses a bad value with a ConfigError that names the variable, and only it', () => {
    const BAD: { variable: string; value: string }[] = [
      { variable: 'PORT', value: 'abc' },
      { variable: 'PORT', value: '65536' },
      { variable: 'PORT', value: '-1' },
      { variable: 'PORT', value: '80.5' },
      { variable: 'STORE', value: 'mongo' },
      { variable: 'STORE', value: 'Redis' },
      { variable: 'REDIS_URL', value: 'http://x' },
      { variable: 'REDIS_URL', value: 'not a url' },
      { variable: 'CONVERSATION_TTL_MINUTES', value: '0' },
      { variable: 'CONVERSATION_TTL_MINUTES', value: '-5' },
      { variable: 'CONVERSATION_TTL_MINUTES', value: 'thirty' },
      { variable: 'CONVERSATION_TTL_MINUTES', value: '1.5' },
      { variable: 'USER_STATE_TTL_DAYS', value: '0' },
      { variable: 'USER_STATE_TTL_DAYS', value: 'ninety' },
      { variable: 'AUDIT_RETENTION_DAYS', value: '0' },
      { variable: 'LOG_LEVEL', value: 'verbose' },
      { variable: 'STORE_COMMAND_TIMEOUT_MS', value: '0' },
      { variable: 'STORE_COMMAND_TIMEOUT_MS', value: '10' },
      { variable: 'STORE_COMMAND_TIMEOUT_MS', value: '600000' },
      { variable: 'STORE_COMMAND_TIMEOUT_MS', value: '2s' },
      { variable: 'REDIS_CLUSTER_NODES', value: 'redis://a:7000,http://b:7001' },
      { variable: 'REDIS_CLUSTER_NODES', value: 'redis://a' },
      { variable: 'REDIS_CLUSTER_NODES', value: 'redis://a:7000,,redis://b:7001' },
      { variable: 'REDIS_CLUSTER_NODES', value: 'redis://a:7000,redis://a:7000' },
      { variable: 'REDIS_CLUSTER_NODES', value: 'a:7000' },
      { variable: 'DEMO_DATA', value: 'on' },
      { variable: 'MicrosoftAppType', value: 'Multitenant' },
      { variable: 'HTTP_KEEP_ALIVE_SECONDS', value: '0' },
      { variable: 'HTTP_KEEP_ALIVE_SECONDS', value: '65s' },
      { variable: 'HTTP_KEEP_ALIVE_SECONDS', value: '3601' },
    ];
    for (const { variable, value } of BAD) {
      it(`${variable}=${value}`, () => {
        // The cluster variable is only read with STORE=redis (otherwise it is refused for that reason).
        const { message } = configError({ [variable]: value, ...(variable === 'REDIS_CLUSTER_NODES' ? { STORE: 'redis' } : {}) });
        assert.ok(namesVariable(message, variable), `message should name ${variable}: ${message}`);
        for (const other of VARIABLES.filter((name) => name !== variable)) {
          assert.ok(!namesVariable(message, other), `message should not name ${other}: ${message}`);
        }
      });
    }
  });

  it('reads REDIS_CLUSTER_NODES as a list of seed nodes with STORE=redis', () => {
    const config = loadConfig({ STORE: 'redis', REDIS_CLUSTER_NODES: 'redis://10.0.0.1:7000, rediss://:pw@10.0.0.2:7001' });
    assert.deepEqual(config.REDIS_CLUSTER_NODES, ['redis://10.0.0.1:7000', 'rediss://:pw@10.0.0.2:7001']);
    assert.equal(loadConfig({}).REDIS_CLUSTER_NODES, undefined);
  });

  it('refuses REDIS_CLUSTER_NODES without STORE=redis, naming it', () => {
    const { message } = configError({ REDIS_CLUSTER_NODES: 'redis://10.0.0.1:7000' });
    assert.ok(namesVariable(message, 'REDIS_CLUSTER_NODES'), message);
  });

  it('reads STORE_COMMAND_TIMEOUT_MS in milliseconds', () => {
    assert.equal(loadConfig({ STORE_COMMAND_TIMEOUT_MS: '750' }).STORE_COMMAND_TIMEOUT_MS, 750);
  });

  it('names every bad variable when several are wrong', () => {
    const { message } = configError({ PORT: 'abc', STORE: 'mongo', REDIS_URL: 'http://x', CONVERSATION_TTL_MINUTES: '0' });
    for (const variable of ['PORT', 'STORE', 'REDIS_URL', 'CONVERSATION_TTL_MINUTES']) {
      assert.ok(namesVariable(message, variable), `message should name ${variable}: ${message}`);
    }
  });

  it('carries the stable code E-CONFIG', () => {
    assert.equal(configError({ PORT: 'eighty' }).code, 'E-CONFIG');
  });

  it('is a ConfigError that is also an Error', () => {
    assert.ok(configError({ PORT: 'abc' }) instanceof Error);
  });
});
