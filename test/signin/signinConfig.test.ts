/** The sign-in settings, validated with the rest of the configuration. */
import assert from 'node:assert/strict';
import { configRefusal } from '../helpers/configRefusal';
import { loadConfig } from '../../src/config';
import { DEFAULT_AAD_AUTHORITY } from '../../src/signin/signinConfig';

const ON = { AAD_CLIENT_ID: 'client-id', AAD_CLIENT_SECRET: 'secret', PUBLIC_BASE_URL: 'https://bot.example.cn' };

const refusal = configRefusal;

describe('sign-in configuration', () => {
  it('is off without AAD_CLIENT_ID, with Entra ID operated by 21Vianet as the default authority', () => {
    const config = loadConfig({});
    assert.equal(config.AAD_CLIENT_ID, undefined);
    assert.equal(config.AAD_AUTHORITY, DEFAULT_AAD_AUTHORITY);
    assert.equal(DEFAULT_AAD_AUTHORITY, 'https://login.partner.microsoftonline.cn/organizations/v2.0');
  });

  it('is on with the client id, the secret and the public address; a trailing slash is dropped', () => {
    const config = loadConfig({ ...ON, PUBLIC_BASE_URL: 'https://bot.example.cn/', AAD_AUTHORITY: 'https://login.microsoftonline.com/organizations/v2.0' });
    assert.equal(config.PUBLIC_BASE_URL, 'https://bot.example.cn');
    assert.equal(config.AAD_AUTHORITY, 'https://login.microsoftonline.com/organizations/v2.0');
  });

  it('allows http only on loopback', () => {
    assert.equal(loadConfig({ ...ON, PUBLIC_BASE_URL: 'http://127.0.0.1:3978' }).PUBLIC_BASE_URL, 'http://127.0.0.1:3978');
    assert.equal(loadConfig({ ...ON, PUBLIC_BASE_URL: 'http://localhost:3978', AAD_AUTHORITY: 'http://127.0.0.1:4000' }).AAD_AUTHORITY, 'http://127.0.0.1:4000');
  });

  const BAD: { env: NodeJS.ProcessEnv; variable: string }[] = [
    { env: { AAD_CLIENT_ID: 'client-id', PUBLIC_BASE_URL: 'https://bot.example.cn' }, variable: 'AAD_CLIENT_SECRET' },
    { env: { AAD_CLIENT_ID: 'client-id', AAD_CLIENT_SECRET: 'secret' }, variable: 'PUBLIC_BASE_URL' },
    { env: { ...ON, PUBLIC_BASE_URL: 'http://bot.example.cn' }, variable: 'PUBLIC_BASE_URL' },
    { env: { ...ON, PUBLIC_BASE_URL: 'http://127.0.0.1.evil.example' }, variable: 'PUBLIC_BASE_URL' },
    { env: { ...ON, PUBLIC_BASE_URL: 'https://bot.example.cn/?next=x' }, variable: 'PUBLIC_BASE_URL' },
    { env: { ...ON, PUBLIC_BASE_URL: 'ftp://bot.example.cn' }, variable: 'PUBLIC_BASE_URL' },
    { env: { ...ON, AAD_AUTHORITY: 'http://login.partner.microsoftonline.cn/organizations/v2.0' }, variable: 'AAD_AUTHORITY' },
    { env: { ...ON, AAD_AUTHORITY: 'not a url' }, variable: 'AAD_AUTHORITY' },
  ];
  for (const { env, variable } of BAD) {
    it(`refuses ${JSON.stringify(env)} naming ${variable}`, () => {
      assert.match(refusal(env), new RegExp(`(^|\\W)${variable}\\W`));
    });
  }
});
