/** `npm run package`: environment handling, placeholder substitution, and the zip it writes. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { PackageError, fillPlaceholders, placeholderValues } from '../../scripts/packageTeamsApp';

const BOT_ID = 'b2d4e6f8-1a3c-4e5f-8a7b-9c0d1e2f3a4b';
const APP_ID = '6f1c2a9e-3b7d-4c51-9a0e-2d8b7f4e1c35';
const ROOT = resolve(__dirname, '..', '..');
const PACKAGE_VARIABLES = ['MicrosoftAppId', 'TEAMS_APP_ID', 'BOT_DOMAIN'];

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the package script as `npm run package` would, with only the given package variables set. */
async function runPackage(env: Record<string, string>, out: string): Promise<RunResult> {
  // The test's own environment must not leak a real app id into the run.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !PACKAGE_VARIABLES.includes(name)));
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join('scripts', 'packageTeamsApp.ts'), '--out', out],
      { cwd: ROOT, env: { ...inherited, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('placeholderValues', () => {
  it('requires MicrosoftAppId and names it', () => {
    const namesVariable = (error: unknown): boolean => error instanceof PackageError && /MicrosoftAppId/.test(error.message);
    assert.throws(() => placeholderValues({}), namesVariable);
  });

  it('defaults TEAMS_APP_ID to the bot id and leaves BOT_DOMAIN unset', () => {
    assert.deepEqual(placeholderValues({ MicrosoftAppId: BOT_ID }), {
      MicrosoftAppId: BOT_ID,
      TEAMS_APP_ID: BOT_ID,
      BOT_DOMAIN: undefined,
    });
  });

  it('rejects ids that are not GUIDs and domains that are URLs, naming the variable', () => {
    assert.throws(() => placeholderValues({ MicrosoftAppId: 'my-bot' }), /MicrosoftAppId must be a GUID/);
    assert.throws(() => placeholderValues({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: '123' }), /TEAMS_APP_ID must be a GUID/);
    assert.throws(() => placeholderValues({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'https://bot.example.cn/api' }), /BOT_DOMAIN/);
  });
});

describe('fillPlaceholders', () => {
  const values = { MicrosoftAppId: BOT_ID, BOT_DOMAIN: undefined };

  it('substitutes inside strings and drops list items that are only an unset optional placeholder', () => {
    const template = { id: 'x-${{MicrosoftAppId}}', validDomains: ['${{BOT_DOMAIN}}', 'a.example.cn'] };
    const filled = fillPlaceholders(template, values, 't.json');
    assert.deepEqual(filled, { id: `x-${BOT_ID}`, validDomains: ['a.example.cn'] });
  });

  it('refuses placeholders it does not know, or unset ones it cannot drop', () => {
    assert.throws(() => fillPlaceholders({ id: '${{NOPE}}' }, values, 't.json'), /t\.json uses \$\{\{NOPE\}\}/);
    assert.throws(() => fillPlaceholders({ url: 'https://${{BOT_DOMAIN}}/' }, values, 't.json'), /needs BOT_DOMAIN/);
  });

  it('cannot be broken out of by a quote in a value', () => {
    assert.deepEqual(fillPlaceholders({ a: '${{MicrosoftAppId}}' }, { MicrosoftAppId: '","x":"' }, 't.json'), { a: '","x":"' });
  });
});

describe('npm run package', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ppa-package-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a zip with the manifest, the zh-cn file and both icons at its root', async () => {
    const out = join(dir, 'app.zip');
    const result = await runPackage({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: APP_ID, BOT_DOMAIN: 'ppa.example.cn' }, out);
    assert.equal(result.code, 0, result.stderr);

    const entries = unzipSync(readFileSync(out));
    assert.deepEqual(Object.keys(entries).sort(), ['color.png', 'manifest.json', 'outline.png', 'zh-cn.json']);
    const manifestText = new TextDecoder().decode(entries['manifest.json']);
    assert.doesNotMatch(manifestText, /\$\{\{/);
    const manifest = JSON.parse(manifestText) as { id: string; bots: { botId: string }[]; validDomains: string[] };
    assert.equal(manifest.id, APP_ID);
    assert.equal(manifest.bots[0]?.botId, BOT_ID);
    assert.deepEqual(manifest.validDomains, ['ppa.example.cn']);
    assert.deepEqual(entries['color.png'], new Uint8Array(readFileSync(join(ROOT, 'manifest', 'color.png'))));
  });

  it('uses the bot id as the Teams app id and lists no domain when only MicrosoftAppId is set', async () => {
    const out = join(dir, 'minimal.zip');
    const result = await runPackage({ MicrosoftAppId: BOT_ID }, out);
    assert.equal(result.code, 0, result.stderr);
    const manifestBytes = unzipSync(readFileSync(out))['manifest.json'];
    const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as { id: string; validDomains: string[] };
    assert.equal(manifest.id, BOT_ID);
    assert.deepEqual(manifest.validDomains, []);
  });

  it('exits non-zero naming MicrosoftAppId when it is missing, without a stack trace', async () => {
    const result = await runPackage({}, join(dir, 'never.zip'));
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /MicrosoftAppId is not set/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });
});
