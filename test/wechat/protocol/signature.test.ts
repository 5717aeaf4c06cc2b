import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  isTimestampFresh,
  msgSignature,
  signaturesEqual,
  urlSignature,
  verifyMsgSignature,
  verifyUrlSignature,
} from '../../../src/wechat/protocol/signature';
import { cppRequest, csharpRequest, javaUrlCheck, pythonRequest } from '../fixtures/officialVectors';

const pythonEncrypt = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(pythonRequest.body)![1]!;

describe('wechat/signature', () => {
  describe('msg_signature matches the official samples', () => {
    const cases = [
      { name: 'C# Sample.cs', v: csharpRequest, encrypt: csharpRequest.encrypt },
      { name: 'Java Sample.java URL check', v: javaUrlCheck, encrypt: javaUrlCheck.echostr },
      { name: 'C++ Sample.cpp', v: cppRequest, encrypt: cppRequest.encrypt },
      { name: 'Python Sample.py', v: pythonRequest, encrypt: pythonEncrypt },
    ];
    for (const { name, v, encrypt } of cases) {
      it(name, () => {
        assert.equal(msgSignature(v.token, v.timestamp, v.nonce, encrypt), v.msgSignature);
        assert.ok(verifyMsgSignature(v.token, v.timestamp, v.nonce, encrypt, v.msgSignature));
        assert.ok(!verifyMsgSignature(v.token, v.timestamp, v.nonce, `${encrypt}x`, v.msgSignature));
      });
    }
  });

  it('signs [token, timestamp, nonce] sorted lexically, whatever the argument order', () => {
    const expected = createHash('sha1').update('1409304348pamtestxxxxxx').digest('hex');
    assert.equal(urlSignature('pamtest', '1409304348', 'xxxxxx'), expected);
    assert.ok(verifyUrlSignature('pamtest', '1409304348', 'xxxxxx', expected));
    assert.ok(verifyUrlSignature('pamtest', '1409304348', 'xxxxxx', expected.toUpperCase()));
    assert.ok(!verifyUrlSignature('pamtest', '1409304349', 'xxxxxx', expected));
    assert.ok(!verifyUrlSignature('other', '1409304348', 'xxxxxx', expected));
  });

  it('compares signatures of different lengths as unequal without throwing', () => {
    assert.equal(signaturesEqual('abc', 'abcd'), false);
    assert.equal(signaturesEqual('', 'a'.repeat(40)), false);
    assert.equal(signaturesEqual('a'.repeat(40), 'a'.repeat(40)), true);
  });

  describe('isTimestampFresh', () => {
    const now = 1_700_000_000_000;
    it('accepts a timestamp within the skew either way', () => {
      assert.ok(isTimestampFresh('1700000000', now, 300));
      assert.ok(isTimestampFresh('1699999700', now, 300));
      assert.ok(isTimestampFresh('1700000300', now, 300));
    });
    it('refuses one beyond the skew', () => {
      assert.ok(!isTimestampFresh('1699999699', now, 300));
      assert.ok(!isTimestampFresh('1700000301', now, 300));
    });
    it('refuses what is not decimal seconds', () => {
      for (const bad of ['', '17e8', '-1700000000', '1700000000.5', ' 1700000000', '1700000000000000']) {
        assert.ok(!isTimestampFresh(bad, now, 1e12), bad);
      }
    });
  });
});
