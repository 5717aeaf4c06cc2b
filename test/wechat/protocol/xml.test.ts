import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { isWechatError } from '../../../src/wechat/protocol/errors';
import { buildEncryptedReplyXml, buildTextReplyXml, cdata, parseIncomingXml, parseMessageXml } from '../../../src/wechat/protocol/xml';
import { csharpRequest, pythonRequest } from '../fixtures/officialVectors';

const isXmlError = (error: unknown): boolean => isWechatError(error, 'E-WECHAT-XML');

const text = (content: string, extra = ''): string =>
  '<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>' +
  `<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${content}</Content>` +
  `<MsgId>24602631817398376</MsgId>${extra}</xml>`;

/** Reads back what a WeChat-side parser would see, to check the builders. */
const readBack = (xml: string): unknown => new XMLParser({ parseTagValue: false }).parse(xml);

describe('wechat/xml', () => {
  describe('parseMessageXml', () => {
    it('parses the decrypted C# sample message, keeping MsgId as a string beyond 2^53', () => {
      assert.deepEqual(parseMessageXml(csharpRequest.message), {
        toUserName: 'wx5823bf96d3bd56c7',
        fromUserName: 'mycreate',
        createTime: '1409659813',
        msgType: 'text',
        content: 'hello',
        msgId: '4561255354251345929',
      });
      assert.ok(Number('4561255354251345929') > Number.MAX_SAFE_INTEGER);
    });

    it('parses an event with its key', () => {
      const xml =
        '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>' +
        '<CreateTime>123456789</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>' +
        '<EventKey><![CDATA[MENU_1]]></EventKey></xml>';
      assert.deepEqual(parseMessageXml(xml), {
        toUserName: 'gh_1',
        fromUserName: 'oUser',
        createTime: '123456789',
        msgType: 'event',
        event: 'CLICK',
        eventKey: 'MENU_1',
      });
    });

    it('keeps numeric-looking content a string, exactly', () => {
      assert.equal(parseMessageXml(text('<![CDATA[007]]>')).content, '007');
      assert.equal(parseMessageXml(text('0x1F')).content, '0x1F');
      assert.equal(parseMessageXml(text('<![CDATA[1e3]]>')).content, '1e3');
    });

    it('keeps CDATA content verbatim, spaces and markup included', () => {
      assert.equal(parseMessageXml(text('<![CDATA[  <b>hi</b> &amp; ]]>')).content, '  <b>hi</b> &amp; ');
    });

    it('decodes XML entities and character references outside CDATA, and only those', () => {
      assert.equal(parseMessageXml(text('a &amp; b &lt;c&gt; &#20013;&#x6587; &quot;&apos;')).content, 'a & b <c> 中文 "\'');
      assert.equal(parseMessageXml(text('&nbsp;')).content, '&nbsp;');
    });

    it('accepts an XML declaration', () => {
      assert.equal(parseMessageXml(`<?xml version="1.0" encoding="UTF-8"?>${text('hi')}`).content, 'hi');
    });
  });

  describe('parseIncomingXml', () => {
    it('returns the envelope of a safe-mode body', () => {
      assert.deepEqual(parseIncomingXml(csharpRequest.body), {
        kind: 'encrypted',
        encrypt: csharpRequest.encrypt,
        toUserName: 'wx5823bf96d3bd56c7',
      });
    });

    it('prefers <Encrypt> over the unauthenticated plain copy of compatible mode', () => {
      const incoming = parseIncomingXml(pythonRequest.body);
      assert.equal(incoming.kind, 'encrypted');
    });

    it('returns a plain-mode message', () => {
      assert.deepEqual(parseIncomingXml(text('hi')), {
        kind: 'plain',
        message: {
          toUserName: 'gh_123',
          fromUserName: 'oUser',
          createTime: '1700000000',
          msgType: 'text',
          content: 'hi',
          msgId: '24602631817398376',
        },
      });
    });
  });

  describe('refuses with E-WECHAT-XML', () => {
    const cases: Array<[string, string]> = [
      ['a DOCTYPE', `<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>${text('&x;')}`],
      ['a lower-case doctype', `<!doctype xml>${text('hi')}`],
      ['an ENTITY declaration on its own', `${text('hi')}<!ENTITY x "y">`],
      ['a billion-laughs body', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><xml>&lol2;</xml>'],
      ['an unclosed root', text('hi').slice(0, -6)],
      ['mismatched tags', '<xml><ToUserName>a</FromUserName></xml>'],
      ['plain text', 'hello'],
      ['an empty body', ''],
      ['JSON', '{"ToUserName":"a"}'],
      ['a second root element', `${text('hi')}<xml></xml>`],
      ['another root element', text('hi').replaceAll('xml>', 'root>').replace('<xml>', '<root>')],
      ['a missing FromUserName', text('hi').replace('<FromUserName><![CDATA[oUser]]></FromUserName>', '')],
      ['an empty MsgType', text('hi').replace('<![CDATA[text]]>', '')],
      ['a CreateTime that is not seconds', text('hi').replace('1700000000', 'yesterday')],
      ['a repeated Content', text('a', '<Content>b</Content>')],
      ['a nested Content', text('<b>bold</b>')],
      ['an empty Encrypt', '<xml><ToUserName>gh</ToUserName><Encrypt></Encrypt></xml>'],
      ['a character reference to NUL', text('&#0;')],
      ['a character reference beyond Unicode', text('&#x110000;')],
    ];
    for (const [name, xml] of cases) {
      it(name, () => {
        assert.throws(() => parseIncomingXml(xml), isXmlError);
      });
    }
  });

  describe('buildTextReplyXml', () => {
    const reply = { toUserName: 'oUser', fromUserName: 'gh_123', createTime: 1700000000 };

    it('builds the passive text reply with CDATA and CreateTime in seconds', () => {
      assert.equal(
        buildTextReplyXml({ ...reply, content: '你好' }),
        '<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_123]]></FromUserName>' +
          '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>',
      );
    });

    it('carries content containing ]]>, markup and entities unchanged', () => {
      const content = 'a]]>b ]]]]> <xml>&amp; ]]';
      const xml = buildTextReplyXml({ ...reply, content });
      assert.deepEqual(readBack(xml), {
        xml: { ToUserName: 'oUser', FromUserName: 'gh_123', CreateTime: '1700000000', MsgType: 'text', Content: content },
      });
      assert.equal(parseMessageXml(xml).content, content);
    });

    it('drops characters XML cannot carry and keeps astral ones', () => {
      assert.equal(cdata('a\u0000b\u0008c\uD800d😀\te\n'), '<![CDATA[abcd😀\te\n]]>');
    });

    it('refuses a CreateTime that is not whole seconds', () => {
      assert.throws(() => buildTextReplyXml({ ...reply, createTime: 1.5, content: 'x' }), RangeError);
      assert.throws(() => buildTextReplyXml({ ...reply, createTime: -1, content: 'x' }), RangeError);
    });
  });

  it('buildEncryptedReplyXml builds the safe-mode envelope', () => {
    const envelope = { encrypt: 'AAA=', msgSignature: 'abc', timestamp: '1409659813', nonce: '1372623149' };
    const xml = buildEncryptedReplyXml(envelope);
    assert.equal(
      xml,
      '<xml><Encrypt><![CDATA[AAA=]]></Encrypt><MsgSignature><![CDATA[abc]]></MsgSignature>' +
        '<TimeStamp>1409659813</TimeStamp><Nonce><![CDATA[1372623149]]></Nonce></xml>',
    );
    assert.throws(() => buildEncryptedReplyXml({ ...envelope, timestamp: '<x/>' }), RangeError);
  });
});
