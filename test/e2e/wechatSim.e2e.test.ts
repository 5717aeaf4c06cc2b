/** `npm run wechat-sim`: typed lines reach the bot signed (and encrypted), and the answers are printed. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { RunningServer } from '../helpers/server';
import { WECHAT, bindingCode, wechatEnv } from '../helpers/wechat';

const ROOT = path.resolve(__dirname, '../..');

function runSimulator(env: Record<string, string>, lines: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/wechatSim.ts'], { cwd: ROOT, env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1', ...env } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.once('exit', (code) => resolve({ code, stdout }));
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

describe('WeChat simulator', function () {
  this.timeout(60_000);

  for (const mode of ['plain', 'aes'] as const) {
    it(`binds and chats through /wechat (${mode})`, async () => {
      const server = await RunningServer.start(wechatEnv(mode));
      try {
        const code = await bindingCode(server);
        const env = { BOT_URL: server.url, WECHAT_TOKEN: WECHAT.token, WECHAT_APP_ID: WECHAT.appId, ...(mode === 'aes' ? { WECHAT_ENCODING_AES_KEY: WECHAT.aesKey } : {}) };
        const { code: exit, stdout } = await runSimulator(env, [`绑定 ${code}`, '菜单', '/quit']);
        assert.equal(exit, 0);
        assert.match(stdout, /已绑定到上海云帆信息技术有限公司/);
        assert.match(stdout, /回复 1：联系信息/);
      } finally {
        await server.stop();
      }
    });
  }

  it('says which setting is missing', async () => {
    const { code, stdout } = await runSimulator({}, ['/quit']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
  });
});
