import assert from 'node:assert/strict';
import {
  readCallbackMessage,
  readCallbackQuery,
  sealReply,
  verifyUrlCheck,
  type CallbackQuery,
  type CallbackSecurity,
} from '../../../src/wechat/protocol/callback';
import { WechatMessageCrypto } from '../../../src/wechat/protocol/crypto';
import { isWechatError, type WechatErrorCode } from '../../../src/wechat/protocol/errors';
import { urlSignature } from '../../../src/wechat/protocol/signature';
import { buildTextReplyXml, parseMessageXml } from '../../../src/wechat/protocol/xml';
import { csharpRequest, pythonRequest } from '../fixtures/officialVectors';

const fails = (code: WechatErrorCode) => (error: unknown) => isWechatError(error, code);
const reading = (body: string, query: CallbackQuery, security: CallbackSecurity) => () =>
  readCallbackMessage(body, query, security);
const textXml = (content: string, createTime: number): string =>
  buildTextReplyXml({ toUserName: 'gh_1', fromUserName: 'oUser', createTime, content });

describe('wechat/callback', () => {
  describe('safe mode, with the C# sample request', () => {
    const crypto = new WechatMessageCrypto(csharpRequest);
    const security: CallbackSecurity = { token: csharpRequest.token, crypto, nowMs: Number(csharpRequest.timestamp) * 1000 };
    const query: CallbackQuery = {
      timestamp: csharpRequest.timestamp,
      nonce: csharpRequest.nonce,
      msg_signature: csharpRequest.msgSignature,
      encrypt_type: 'aes',
    };

    it('verifies, decrypts and parses the message', () => {
      const { message, encrypted } = readCallbackMessage(csharpRequest.body, query, security);
      assert.equal(encrypted, true);
      assert.deepEqual(message, parseMessageXml(csharpRequest.message));
    });

    it('refuses a wrong or missing msg_signature before decrypting', () => {
      const wrong = { ...query, msg_signature: '0'.repeat(40) };
      assert.throws(reading(csharpRequest.body, wrong, security), fails('E-WECHAT-SIGNATURE'));
      const missing = { ...query, msg_signature: undefined };
      assert.throws(reading(csharpRequest.body, missing, security), fails('E-WECHAT-SIGNATURE'));
    });

    it('refuses a stale timestamp', () => {
      assert.throws(reading(csharpRequest.body, query, { ...security, nowMs: Date.now() }), fails('E-WECHAT-TIMESTAMP'));
    });

    it('refuses a plain body, whose content no signature covers', () => {
      const signed = { ...query, signature: urlSignature(csharpRequest.token, csharpRequest.timestamp, csharpRequest.nonce) };
      assert.throws(reading(textXml('forged', 1409659813), signed, security), fails('E-WECHAT-SIGNATURE'));
    });

    it('decrypts the compatible-mode Python sample from <Encrypt>, ignoring its plain copy', () => {
      const tampered = pythonRequest.body.replace('<Content><![CDATA[abcdteT]]>', '<Content><![CDATA[forged]]>');
      const { message } = readCallbackMessage(
        tampered,
        { timestamp: pythonRequest.timestamp, nonce: pythonRequest.nonce, msg_signature: pythonRequest.msgSignature },
        { token: pythonRequest.token, crypto: new WechatMessageCrypto(pythonRequest), nowMs: Number(pythonRequest.timestamp) * 1000 },
      );
      assert.equal(message.content, 'abcdteT');
      assert.equal(message.msgId, '6054768590064713728');
    });

    it('seals a reply that opens again with the same token and key', () => {
      const sealed = sealReply(textXml('好的 ]]> ok', 1409659900), csharpRequest.token, crypto, '1409659900', 'n0nce');
      const signature = /<MsgSignature><!\[CDATA\[([0-9a-f]{40})\]\]>/.exec(sealed)?.[1];
      const { message } = readCallbackMessage(
        sealed,
        { timestamp: '1409659900', nonce: 'n0nce', msg_signature: signature },
        { ...security, nowMs: 1409659900_000 },
      );
      assert.equal(message.content, '好的 ]]> ok');
    });
  });

  describe('plain mode', () => {
    const token = 'pamtest';
    const security: CallbackSecurity = { token, nowMs: 1_700_000_000_000 };
    const timestamp = '1700000000';
    const nonce = '42';
    const signature = urlSignature(token, timestamp, nonce);

    it('checks the signature and parses the body', () => {
      const { message, encrypted } = readCallbackMessage(textXml('hi', 1700000000), { signature, timestamp, nonce }, security);
      assert.equal(encrypted, false);
      assert.equal(message.content, 'hi');
    });

    it('refuses a bad signature before looking at the body', () => {
      const query = { signature: 'f'.repeat(40), timestamp, nonce };
      assert.throws(reading('not xml', query, security), fails('E-WECHAT-SIGNATURE'));
    });

    it('refuses an encrypted body when no key is configured', () => {
      assert.throws(reading(csharpRequest.body, { signature, timestamp, nonce }, security), fails('E-WECHAT-KEY'));
    });

    it('answers the URL check with echostr unchanged, once its signature holds', () => {
      const echostr = '5448455673471530827';
      assert.equal(verifyUrlCheck({ signature, timestamp, nonce, echostr }, security), echostr);
      const check = (query: CallbackQuery, at = security) => () => verifyUrlCheck(query, at);
      assert.throws(check({ signature, timestamp, nonce: '43', echostr }), fails('E-WECHAT-SIGNATURE'));
      assert.throws(check({ signature, timestamp, nonce }), fails('E-WECHAT-SIGNATURE'));
      const anHourLater = { ...security, nowMs: security.nowMs + 3_600_000 };
      assert.throws(check({ signature, timestamp, nonce, echostr }, anHourLater), fails('E-WECHAT-TIMESTAMP'));
    });
  });
});

describe('wechat/callback readCallbackQuery', () => {
  it('reads each parameter WeChat sends as one string', () => {
    assert.deepEqual(readCallbackQuery('signature=ab&timestamp=1&nonce=n&echostr=e%20x&openid=o&other=1'), { signature: 'ab', timestamp: '1', nonce: 'n', echostr: 'e x' });
  });

  for (const raw of ['signature=a&signature=b', 'signature=a&signature=a', 'signature[]=a', 'signature[x]=1', 'nonce[a][b]=1', '__proto__[x]=1', 'other=1&other=2']) {
    it(`refuses ${raw} with E-WECHAT-QUERY`, () => {
      assert.throws(() => readCallbackQuery(raw), fails('E-WECHAT-QUERY'));
    });
  }
});
