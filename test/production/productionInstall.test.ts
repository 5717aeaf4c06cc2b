/**
 * The project as an operator deploys it: `npm pack`, the tarball installed in an empty folder with
 * runtime dependencies only (`--omit=dev`), then the compiled server and an operator command run
 * from there. Anything a runtime path takes from a dev dependency (tsx, typescript, …) or from a
 * file the tarball does not carry fails here. Runs on whichever Node runs mocha (CI: also Node 22).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoPublisher } from '../../src/demo/demoPublisher';
import { USERS } from '../helpers/fixtures';
import { HttpChannel, RunningServer } from '../helpers/server';

const ROOT = path.resolve(__dirname, '../..');
const INSTALLED = path.join('node_modules', 'publisher-privacy-assistant');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (npm through the shell-less `npm` on PATH, as CI has it). */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 240_000): Promise<Run> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// Only what an operator's shell would hand over: no NODE_OPTIONS, no tsx loader, no test settings.
const bareEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, NODE_NO_WARNINGS: '1', ...extra });

describe(`production install (npm pack, --omit=dev) on Node ${process.versions.node}`, function () {
  this.timeout(400_000);
  let packDir: string;
  let installDir: string;
  let dataDir: string;
  let installLog: string;

  before(async () => {
    packDir = await mkdtemp(path.join(tmpdir(), 'ppa-pack-'));
    installDir = await mkdtemp(path.join(tmpdir(), 'ppa-prod-'));
    dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-prod-data-'));
    // `npm pack` runs `prepack` (the build) first, so the tarball holds freshly compiled code.
    const packed = await run('npm', ['pack', '--json', '--pack-destination', packDir], ROOT);
    assert.equal(packed.code, 0, `npm pack failed:\n${packed.stderr}`);
    const jsonStart = packed.stdout.indexOf('[');
    const [{ filename }] = JSON.parse(packed.stdout.slice(jsonStart)) as [{ filename: string }];
    // The deployment's own package.json, as the README shows: the dependency plus the same install-script decisions.
    const project = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { allowScripts: Record<string, boolean> };
    await writeFile(
      path.join(installDir, 'package.json'),
      JSON.stringify({ private: true, dependencies: { 'publisher-privacy-assistant': `file:${path.join(packDir, path.basename(filename))}` }, allowScripts: project.allowScripts }, null, 2),
    );
    const installed = await run('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], installDir, { ...process.env, npm_config_loglevel: 'warn' });
    installLog = installed.stdout + installed.stderr;
    assert.equal(installed.code, 0, `npm install failed:\n${installLog}`);
  });

  after(async () => {
    await Promise.all([packDir, installDir, dataDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('installs quietly, without dev dependencies and without sources', async () => {
    assert.doesNotMatch(installLog, /install-scripts|npm warn/i, `the install printed a warning:\n${installLog}`);
    const fromInstall = createRequire(path.join(installDir, 'index.js'));
    for (const devOnly of ['tsx', 'typescript', 'mocha', 'esbuild']) {
      assert.throws(() => fromInstall.resolve(devOnly), /Cannot find module/, `${devOnly} must not be installed by a production install`);
    }
    fromInstall.resolve('prom-client');
    const packaged = JSON.parse(await readFile(path.join(installDir, INSTALLED, 'package.json'), 'utf8')) as { name: string };
    assert.equal(packaged.name, 'publisher-privacy-assistant');
    await assert.rejects(readFile(path.join(installDir, INSTALLED, 'src', 'bot', 'index.ts')), /ENOENT/, 'TypeScript sources are not shipped');
  });

  it('starts the compiled server from there: it answers a turn (demo data, locale files) and /readyz', async () => {
    const server = await RunningServer.start(
      { DATA_DIR: dataDir },
      { args: ['--disable-warning=DEP0111', path.join(INSTALLED, 'dist', 'src', 'bot', 'index.js')], cwd: installDir },
    );
    try {
      const ready = await fetch(`${server.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready', store: 'embedded' });
      const replies = await new HttpChannel(server, USERS.admin, 'zh-CN').say('菜单');
      const card = JSON.stringify(replies.at(-1)?.attachments?.[0]?.content ?? {});
      // Chinese menu text proves the zh-CN locale file was found from dist/.
      assert.match(card, /联系信息/);
      assert.match(server.output, /"msg":"startup summary"/);
    } finally {
      assert.equal(await server.stop('SIGTERM', false), 0);
    }
  });

  it('runs the export operator command from there on the same store', async () => {
    const exported = await run(process.execPath, [path.join(INSTALLED, 'dist', 'src', 'cli', 'export.js'), demoPublisher.id], installDir, bareEnv({ DATA_DIR: dataDir, LANG: 'C' }), 60_000);
    assert.equal(exported.code, 0, `export failed:\n${exported.stderr}`);
    const document = JSON.parse(exported.stdout) as { publisher?: { id?: string } };
    assert.equal(document.publisher?.id, demoPublisher.id);
  });
});
