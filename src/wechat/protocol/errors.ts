/** Errors the WeChat building blocks raise, each with a stable code; messages are for logs, never for users. */

export type WechatErrorCode =
  /** A query parameter repeated, or a callback query that is not what WeChat sends. */
  | 'E-WECHAT-QUERY'
  /** `signature` / `msg_signature` does not match. */
  | 'E-WECHAT-SIGNATURE'
  /** The request's timestamp is too far from our clock. */
  | 'E-WECHAT-TIMESTAMP'
  /** The configured EncodingAESKey is not 43 base64 characters. */
  | 'E-WECHAT-KEY'
  /** Ciphertext that is not base64, not whole blocks, or whose padding or length field is wrong. */
  | 'E-WECHAT-DECRYPT'
  /** The message decrypted but names another app id. */
  | 'E-WECHAT-APPID'
  /** A body that is not the XML WeChat sends (malformed, DTD, missing fields). */
  | 'E-WECHAT-XML'
  /** A signed URL already used for another message (a replay). */
  | 'E-WECHAT-REPLAY'
  /** A WeChat API call failed: network, HTTP status or a non-zero errcode. */
  | 'E-WECHAT-API';

export class WechatError extends Error {
  constructor(
    readonly code: WechatErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'WechatError';
  }
}

/** A failed WeChat API call. Its message names the API path and errcode, never the token or an openid. */
export class WechatApiError extends WechatError {
  constructor(
    message: string,
    readonly details: {
      /** The path called, without its query (which holds the token). */
      path: string;
      /** WeChat's `errcode`, when it answered with one. */
      errcode?: number;
      /** WeChat's `errmsg`, with the token and openid removed. */
      errmsg?: string;
      httpStatus?: number;
      /** e.g. `ECONNREFUSED`, `TimeoutError`, when the request did not get an answer. */
      networkCode?: string;
    },
  ) {
    super('E-WECHAT-API', message);
    this.name = 'WechatApiError';
  }

  get errcode(): number | undefined {
    return this.details.errcode;
  }
}

/** Whether `error` is a WechatError (with this code, when given). */
export function isWechatError(error: unknown, code?: WechatErrorCode): error is WechatError {
  return error instanceof WechatError && (code === undefined || error.code === code);
}
