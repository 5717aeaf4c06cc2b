import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { WechatMessageCrypto } from '../../../src/wechat/protocol/crypto';
import { isWechatError } from '../../../src/wechat/protocol/errors';
import { cppRequest, csharpRequest, javaEncrypt, javaUrlCheck, pythonRequest } from '../fixtures/officialVectors';

const pythonEncrypt = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(pythonRequest.body)![1]!;

function cryptoFor(v: { appId: string; encodingAesKey: string }, randomStr?: string): WechatMessageCrypto {
  return new WechatMessageCrypto({
    appId: v.appId,
    encodingAesKey: v.encodingAesKey,
    ...(randomStr === undefined ? {} : { randomBytes: () => Buffer.from(randomStr, 'utf8') }),
  });
}

/** AES-256-CBC without padding of our own, to craft malformed plaintexts. */
function rawEncrypt(encodingAesKey: string, plain: Buffer): string {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function framed(message: string, appId: string, padTo = 32): Buffer {
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const data = Buffer.concat([Buffer.alloc(16, 7), length, body, Buffer.from(appId)]);
  const count = padTo - (data.length % padTo);
  return Buffer.concat([data, Buffer.alloc(count, count)]);
}

describe('wechat/crypto', () => {
  describe('decrypts the official sample vectors', () => {
    it('C# Sample.cs (pad 30: fails with Node auto padding)', () => {
      assert.deepEqual(cryptoFor(csharpRequest).decrypt(csharpRequest.encrypt), {
        message: csharpRequest.message,
        appId: csharpRequest.appId,
      });
    });
    it('Java Sample.java encrypted echostr (pad 7)', () => {
      assert.deepEqual(cryptoFor(javaUrlCheck).decrypt(javaUrlCheck.echostr), {
        message: javaUrlCheck.echoPlain,
        appId: javaUrlCheck.appId,
      });
    });
    it('Python Sample.py (pad 2), keeping its line breaks', () => {
      assert.equal(cryptoFor(pythonRequest).decrypt(pythonEncrypt).message, pythonRequest.message);
    });
    it('C++ Sample.cpp (pad 2)', () => {
      const { message, appId } = cryptoFor(cppRequest).decrypt(cppRequest.encrypt);
      assert.equal(appId, cppRequest.appId);
      assert.match(message, new RegExp(`<MsgId>${cppRequest.msgId}</MsgId>`));
    });
    it('Java WXBizMsgCryptTest ciphertexts', () => {
      const crypto = cryptoFor(javaEncrypt);
      assert.equal(crypto.decrypt(javaEncrypt.afterAesEncrypt).message, javaEncrypt.replyMsg);
      assert.equal(crypto.decrypt(javaEncrypt.afterAesEncrypt2).message, javaEncrypt.replyMsg2);
    });
  });

  describe('encrypts byte for byte like the official samples', () => {
    it('Java WXBizMsgCryptTest.testAesEncrypt and testAesEncrypt2 (fixed random prefix)', () => {
      const crypto = cryptoFor(javaEncrypt, javaEncrypt.randomStr);
      assert.equal(crypto.encrypt(javaEncrypt.replyMsg), javaEncrypt.afterAesEncrypt);
      assert.equal(crypto.encrypt(javaEncrypt.replyMsg2), javaEncrypt.afterAesEncrypt2);
    });
    it('the C# request, given its random prefix back (pad 30)', () => {
      const random = Buffer.from('30393630363838393332633437656631', 'hex');
      const crypto = new WechatMessageCrypto({ ...csharpRequest, randomBytes: () => random });
      assert.equal(crypto.encrypt(csharpRequest.message), csharpRequest.encrypt);
    });
  });

  it('round-trips every pad length from 1 to 32, in 32-byte blocks', () => {
    const crypto = cryptoFor(javaEncrypt);
    const seen = new Set<number>();
    for (let n = 0; n < 64; n++) {
      const message = '中'.repeat(n % 3) + 'x'.repeat(n);
      const encrypted = crypto.encrypt(message);
      const bytes = Buffer.from(encrypted, 'base64');
      assert.equal(bytes.length % 32, 0);
      seen.add(bytes.length - (20 + Buffer.byteLength(message) + javaEncrypt.appId.length));
      assert.deepEqual(crypto.decrypt(encrypted), { message, appId: javaEncrypt.appId });
    }
    assert.deepEqual([...seen].sort((a, b) => a - b), Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it('uses fresh random bytes by default', () => {
    const crypto = cryptoFor(javaEncrypt);
    assert.notEqual(crypto.encrypt('same'), crypto.encrypt('same'));
  });

  describe('refuses', () => {
    const crypto = cryptoFor(javaEncrypt);
    const key = javaEncrypt.encodingAesKey;
    const appId = javaEncrypt.appId;
    const decrypt = 'E-WECHAT-DECRYPT';
    const lengthField = (n: number): Buffer => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    const cases: Array<[string, string, string]> = [
      ['non-base64 text', '!!!not-base64!!!', 'E-WECHAT-DECRYPT'],
      ['an empty payload', '', 'E-WECHAT-DECRYPT'],
      ['a payload that is not whole AES blocks', 'YWJj', 'E-WECHAT-DECRYPT'],
      ['a pad byte of 0', rawEncrypt(key, Buffer.alloc(32, 0)), 'E-WECHAT-DECRYPT'],
      ['a pad byte above 32', rawEncrypt(key, Buffer.alloc(64, 33)), 'E-WECHAT-DECRYPT'],
      ['pad bytes that disagree', rawEncrypt(key, Buffer.concat([framed('hi', appId).subarray(0, 31), Buffer.from([2])])), decrypt],
      ['a length field beyond the payload', rawEncrypt(key, Buffer.concat([Buffer.alloc(16), lengthField(256), Buffer.alloc(12, 12)])), decrypt],
      ['a payload shorter than its header', rawEncrypt(key, Buffer.concat([Buffer.alloc(16), Buffer.alloc(16, 16)])), decrypt],
      ['another app id', rawEncrypt(key, framed('hi', 'wx0000000000000000')), 'E-WECHAT-APPID'],
      ['a ciphertext made with another key', cryptoFor(csharpRequest).encrypt('hi'), 'E-WECHAT-DECRYPT'],
    ];
    for (const [name, payload, code] of cases) {
      it(`${name} with ${code}`, () => {
        assert.throws(() => crypto.decrypt(payload), (error) => isWechatError(error, code as 'E-WECHAT-DECRYPT'));
      });
    }
  });

  it('still accepts 16-byte padding from third-party encoders (pads are 1..32)', () => {
    const payload = rawEncrypt(javaEncrypt.encodingAesKey, framed('hi', javaEncrypt.appId, 16));
    assert.equal(cryptoFor(javaEncrypt).decrypt(payload).message, 'hi');
  });

  it('refuses an EncodingAESKey that is not 43 base64 characters', () => {
    for (const bad of ['', 'abcde', `${javaEncrypt.encodingAesKey}A`, `${javaEncrypt.encodingAesKey.slice(0, 42)}!`]) {
      const keyError = (error: unknown) => isWechatError(error, 'E-WECHAT-KEY');
      assert.throws(() => cryptoFor({ appId: 'wx1', encodingAesKey: bad }), keyError, bad);
    }
    assert.throws(
      () => new WechatMessageCrypto({ ...javaEncrypt, previousEncodingAesKey: 'short' }),
      (error) => isWechatError(error, 'E-WECHAT-KEY'),
    );
  });

  describe('key rotation', () => {
    const oldKey = javaEncrypt.encodingAesKey;
    const newKey = 'A'.repeat(43);
    const appId = javaEncrypt.appId;
    const rotated = new WechatMessageCrypto({ appId, encodingAesKey: newKey, previousEncodingAesKey: oldKey });

    it('decrypts a message still encrypted with the previous key', () => {
      const inFlight = new WechatMessageCrypto({ appId, encodingAesKey: oldKey }).encrypt('sent before the change');
      assert.equal(rotated.decrypt(inFlight).message, 'sent before the change');
    });
    it('decrypts with the current key and encrypts replies with it only', () => {
      const reply = rotated.encrypt('reply');
      assert.equal(new WechatMessageCrypto({ appId, encodingAesKey: newKey }).decrypt(reply).message, 'reply');
      const oldOnly = new WechatMessageCrypto({ appId, encodingAesKey: oldKey });
      assert.throws(() => oldOnly.decrypt(reply), (error) => isWechatError(error));
    });
    it("reports the current key's error when neither key fits", () => {
      const foreign = rawEncrypt(newKey, framed('hi', 'wx0000000000000000'));
      assert.throws(() => rotated.decrypt(foreign), (error) => isWechatError(error, 'E-WECHAT-APPID'));
    });
  });
});
