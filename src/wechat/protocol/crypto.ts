/**
 * WeChat's safe-mode message encryption (Tencent's WXBizMsgCrypt scheme):
 * AES-256-CBC, key = base64(EncodingAESKey + '='), IV = the key's first 16 bytes,
 * plaintext = 16 random bytes | 4-byte big-endian length | message (UTF-8) | app id,
 * padded PKCS#7-style to a multiple of 32 bytes (pad values 1..32).
 */
import { createCipheriv, createDecipheriv, randomBytes as nodeRandomBytes } from 'node:crypto';
import { WechatError } from './errors';

const BLOCK = 32;
const RANDOM_LENGTH = 16;
const HEADER_LENGTH = RANDOM_LENGTH + 4;
const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface DecryptedMessage {
  /** The message as UTF-8 text (the inner XML, or the echostr on a URL check). */
  message: string;
  /** The app id found after the message; always the configured one (otherwise decrypt throws). */
  appId: string;
}

export interface WechatMessageCryptoOptions {
  appId: string;
  /** The 43-character EncodingAESKey set in the official account's console. */
  encodingAesKey: string;
  /** The key in use before the last change: messages still in flight may use it. */
  previousEncodingAesKey?: string;
  /** Source of the 16 random prefix bytes; tests pass a fixed one to compare with published vectors. */
  randomBytes?: (size: number) => Buffer;
}

/** Encrypts and decrypts safe-mode payloads for one official account. */
export class WechatMessageCrypto {
  private readonly appId: string;
  private readonly keys: Buffer[];
  private readonly randomBytes: (size: number) => Buffer;

  constructor(options: WechatMessageCryptoOptions) {
    this.appId = options.appId;
    this.keys = [aesKey(options.encodingAesKey)];
    if (options.previousEncodingAesKey !== undefined) this.keys.push(aesKey(options.previousEncodingAesKey));
    this.randomBytes = options.randomBytes ?? nodeRandomBytes;
  }

  /** Decrypts an `<Encrypt>` payload (or an encrypted echostr); throws E-WECHAT-DECRYPT or E-WECHAT-APPID. */
  decrypt(encryptedBase64: string): DecryptedMessage {
    let firstError: unknown;
    for (const key of this.keys) {
      try {
        return this.decryptWith(key, encryptedBase64);
      } catch (error) {
        firstError ??= error;
      }
    }
    // The current key's error is the telling one: the previous key only yields noise on a current message.
    throw firstError;
  }

  /** Encrypts a reply for the `<Encrypt>` element, always with the current key. */
  encrypt(message: string): string {
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    const random = this.randomBytes(RANDOM_LENGTH);
    if (random.length !== RANDOM_LENGTH) throw new RangeError(`randomBytes must return ${RANDOM_LENGTH} bytes`);
    const plain = pad(Buffer.concat([random, length, body, Buffer.from(this.appId, 'utf8')]));
    const key = this.keys[0]!;
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    // Auto padding would pad to 16-byte blocks; WeChat pads to 32 (see pad()).
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  private decryptWith(key: Buffer, encryptedBase64: string): DecryptedMessage {
    if (!BASE64.test(encryptedBase64)) throw decryptError('not base64');
    const encrypted = Buffer.from(encryptedBase64, 'base64');
    if (encrypted.length === 0 || encrypted.length % 16 !== 0) throw decryptError('not whole AES blocks');
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    // Node's auto padding accepts pads of 1..16 only; WeChat's go up to 32.
    decipher.setAutoPadding(false);
    const plain = unpad(Buffer.concat([decipher.update(encrypted), decipher.final()]));
    if (plain.length < HEADER_LENGTH) throw decryptError('too short');
    const messageLength = plain.readUInt32BE(RANDOM_LENGTH);
    if (messageLength > plain.length - HEADER_LENGTH) throw decryptError('length field exceeds the payload');
    const appId = plain.subarray(HEADER_LENGTH + messageLength).toString('utf8');
    if (appId !== this.appId) throw new WechatError('E-WECHAT-APPID', 'the message is for another app id');
    return { message: plain.subarray(HEADER_LENGTH, HEADER_LENGTH + messageLength).toString('utf8'), appId };
  }
}

function aesKey(encodingAesKey: string): Buffer {
  if (!ENCODING_AES_KEY.test(encodingAesKey)) {
    throw new WechatError('E-WECHAT-KEY', 'EncodingAESKey must be 43 base64 characters');
  }
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/** PKCS#7 to a multiple of 32 bytes: 1..32 bytes, each holding the pad length. */
function pad(data: Buffer): Buffer {
  const count = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(count, count)]);
}

function unpad(data: Buffer): Buffer {
  const count = data[data.length - 1] ?? 0;
  if (count < 1 || count > BLOCK || count > data.length) throw decryptError('bad padding');
  for (let i = data.length - count; i < data.length; i++) {
    if (data[i] !== count) throw decryptError('bad padding');
  }
  return data.subarray(0, data.length - count);
}

function decryptError(reason: string): WechatError {
  return new WechatError('E-WECHAT-DECRYPT', reason);
}
