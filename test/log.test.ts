/** The logger's redaction: people's names never reach a log line; error class names and codes do. */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger, errorFields } from '../src/log';
import { WechatError } from '../src/wechat/protocol/errors';

function capture(): { lines: () => Record<string, unknown>[]; logger: ReturnType<typeof createLogger> } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger('info', destination);
  return { logger, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('log redaction', () => {
  it('keeps an error’s class name (as type) and code under err', () => {
    const { logger, lines } = capture();
    logger.error({ err: errorFields(new WechatError('E-WECHAT-XML', 'malformed')) }, 'x');
    logger.error({ err: errorFields(new TypeError('x')) }, 'x');
    const redisReply = Object.assign(new Error('x'), { name: 'ErrorReply' });
    logger.error({ err: errorFields(redisReply) }, 'x');
    assert.deepEqual(lines().map((line) => line.err), [{ type: 'WechatError', code: 'E-WECHAT-XML' }, { type: 'TypeError' }, { type: 'ErrorReply' }]);
  });

  it('logs an Error given as it is by class name, code and frames, never its message', () => {
    const { logger, lines } = capture();
    logger.error({ err: Object.assign(new SyntaxError('Unexpected token in {"phone":"13800138000"}'), { code: 'E-X' }) }, 'x');
    const [line] = lines();
    const err = line?.err as { type?: string; code?: string; stack?: string };
    assert.equal(err.type, 'SyntaxError');
    assert.equal(err.code, 'E-X');
    assert.match(err.stack ?? '', /^\s+at /);
    assert.doesNotMatch(JSON.stringify(line), /13800138000|Unexpected/);
  });

  it('still redacts people’s names wherever they are, even under err', () => {
    const { logger, lines } = capture();
    logger.info({ name: 'Alex Wilber', user: { name: '王晓明', displayName: 'Alex' }, contact: { name: 'Liu Yang' }, err: { name: 'Alex Wilber' } }, 'x');
    const [line] = lines();
    assert.equal(line?.name, '[redacted]');
    assert.deepEqual(line?.user, { name: '[redacted]', displayName: '[redacted]' });
    assert.deepEqual(line?.contact, { name: '[redacted]' });
    assert.deepEqual(line?.err, { name: '[redacted]' });
    assert.doesNotMatch(JSON.stringify(line), /Alex|王晓明|Liu/);
  });

  it('errorFields never carries the message, and its stack keeps only the frames', () => {
    const error = new RangeError('phone 13800138000 is invalid');
    const fields = errorFields(error, { stack: true });
    assert.equal(fields.type, 'RangeError');
    assert.match(fields.stack ?? '', /^\s+at /);
    assert.doesNotMatch(JSON.stringify(fields), /13800138000|invalid/);
    assert.deepEqual(errorFields('a thrown string'), { type: 'string' });
  });
});
