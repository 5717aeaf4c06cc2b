/**
 * `npm run wechat-sim`: a terminal chat with the bot's /wechat endpoint, signed (and, with an AES key
 * configured, encrypted) the way WeChat does — for trying the WeChat channel without an official account.
 *
 *   WECHAT_TOKEN=devtoken npm start          # in one terminal
 *   WECHAT_TOKEN=devtoken npm run wechat-sim # in another
 *
 * Lines you type go as text messages. `/subscribe`, `/click KEY` send events; `/quit` ends.
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { WechatMessageCrypto } from '../src/wechat/protocol/crypto';
import { WechatPeer } from '../test/helpers/wechatPeer';

const env = process.env;
const url = env.BOT_URL ?? `http://127.0.0.1:${env.PORT ?? '3978'}`;
const token = env.WECHAT_TOKEN;
if (!token) {
  console.error('Set WECHAT_TOKEN to the same value the bot runs with (e.g. WECHAT_TOKEN=devtoken).');
  process.exit(2);
}
const crypto =
  env.WECHAT_ENCODING_AES_KEY && env.WECHAT_APP_ID ? new WechatMessageCrypto({ appId: env.WECHAT_APP_ID, encodingAesKey: env.WECHAT_ENCODING_AES_KEY }) : undefined;
const peer = new WechatPeer({ url, token, account: env.WECHAT_ACCOUNT ?? 'gh_simulator', ...(crypto ? { crypto } : {}) });
const openid = env.SIM_OPENID ?? `o-sim-${randomBytes(6).toString('hex')}`;

async function main(): Promise<void> {
  console.log(`WeChat simulator → ${url}/wechat (${crypto ? 'safe mode, AES' : 'plaintext mode'}), as openid ${openid}`);
  console.log('Type a message, /subscribe, /click KEY, or /quit. 输入“菜单”开始；未绑定时先在 Teams 中获取绑定码，再发送“绑定 123456”。\n');
  const input = createInterface({ input: process.stdin, output: process.stdout, prompt: '你 › ' });
  input.prompt();
  for await (const raw of input) {
    const line = raw.trim();
    if (line === '/quit') break;
    if (!line) {
      input.prompt();
      continue;
    }
    const [command, key] = line.split(/\s+/, 2);
    const answer =
      command === '/subscribe' ? await peer.sendEvent(openid, 'subscribe') : command === '/click' ? await peer.sendEvent(openid, 'CLICK', key) : await peer.sendText(openid, line);
    if (answer.status !== 200) console.log(`(the bot refused the request: HTTP ${answer.status})\n`);
    else if (answer.text) console.log(`\n${answer.text}\n`);
    else console.log('(success — the answer comes later through the customer-service API, which this simulator cannot receive)\n');
    input.prompt();
  }
  input.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
