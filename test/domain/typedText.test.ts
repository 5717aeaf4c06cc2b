/**
 * Input as Chinese users type it — full-width digits, letters and punctuation from a pinyin IME,
 * ideographic spaces, zero-width characters from pasted text — means the plain characters, and the
 * schemas store it that way.
 */
import assert from 'node:assert/strict';
import { contactSchema, customerServiceSchema } from '../../src/domain/publisher';
import { normalizeCommand, normalizeTyped } from '../../src/domain/typedText';

describe('domain/typedText normalizeTyped', () => {
  const cases: [typed: string, meant: string][] = [
    ['１３９１２３４５６７８', '13912345678'],
    ['０２１－６１２３４５６７', '021-61234567'],
    ['021—61234567', '021-61234567'],
    ['０７５５－８８８８８８８８－１２３', '0755-88888888-123'],
    ['ｌｉ．ｎａ＠ｙｕｎｆａｎ．ｃｎ', 'li.na@yunfan.cn'],
    ['绑定：６６３０５８', '绑定:663058'],
    ['绑定\u3000６６３０５８', '绑定 663058'],
    ['\u200B138\u200D0013\uFEFF8000\u2060', '13800138000'],
    ['  王\u00A0伟  ', '王 伟'],
    ['ＡＢＣ云计算有限公司', 'ABC云计算有限公司'],
    ['＝', '='],
    ['＝ ', '='],
    ['\u3000＝', '='],
    ['－', '-'],
    ['——', '--'],
  ];
  for (const [typed, meant] of cases) {
    it(`${JSON.stringify(typed)} → ${JSON.stringify(meant)}`, () => {
      assert.equal(normalizeTyped(typed), meant);
    });
  }
  it('leaves Chinese text and its own punctuation alone', () => {
    assert.equal(normalizeTyped('上海云帆信息技术有限公司（客服部）'), '上海云帆信息技术有限公司(客服部)');
    assert.equal(normalizeTyped('张伟、李娜'), '张伟、李娜');
  });
});

describe('domain/typedText normalizeCommand', () => {
  const cases: [typed: string, meant: string][] = [
    ['菜单。', '菜单'],
    ['菜单！', '菜单'],
    ['帮助？', '帮助'],
    ['ＭＥＮＵ', 'menu'],
    ['Menu!', 'menu'],
    ['取消～', '取消'],
    ['\u3000菜单\u3000', '菜单'],
    ['１', '1'],
    ['２。', '2'],
    ['确认删除。', '确认删除'],
    // Only punctuation: kept, as "?" is itself the help command and "。" is nothing.
    ['？', '?'],
    ['。', '。'],
  ];
  for (const [typed, meant] of cases) {
    it(`${JSON.stringify(typed)} → ${JSON.stringify(meant)}`, () => {
      assert.equal(normalizeCommand(typed), meant);
    });
  }
});

describe('schemas store what was typed, normalized', () => {
  it('accepts a contact typed with a Chinese IME and stores the plain spelling', () => {
    const contact = contactSchema.parse({ name: '李娜', phone: '１３９ １２３４ ５６７８', email: 'Ｌｉ．Ｎａ＠Ｙｕｎｆａｎ．ｃｎ' });
    assert.deepEqual(contact, { name: '李娜', phone: '+8613912345678', email: 'li.na@yunfan.cn' });
  });

  it('accepts full-width customer-service fields', () => {
    const cs = customerServiceSchema.parse({
      name: '云帆客服',
      phone: '０２１－６１２３４５６７',
      email: 'cs＠yunfan.cn',
      qq: '８０００１２３４５',
      wechat: 'ｙｕｎｆａｎ＿ｃｓ',
      weibo: 'ｗｅｉｂｏ．ｃｏｍ／ｕ／５６０１２３４５６７',
    });
    assert.deepEqual(cs, {
      name: '云帆客服',
      phone: '021-61234567',
      email: 'cs@yunfan.cn',
      qq: '800012345',
      wechat: 'yunfan_cs',
      weibo: 'https://weibo.com/u/5601234567',
    });
  });

  it('still refuses a full-width value that is wrong once read plainly, and says why', () => {
    const result = customerServiceSchema.safeParse({ name: '云帆客服', phone: '400-820-1234', email: 'cs@yunfan.cn', qq: '０１２３' });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues.map((issue) => issue.message), ['validation.qqLeadingZero']);
  });
});
