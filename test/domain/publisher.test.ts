import assert from 'node:assert/strict';
import type { z } from 'zod';
import { aadAccountSchema, contactInfoSchema, customerServiceSchema, publisherSchema } from '../../src/domain/publisher';
import { toFieldErrors, type FieldError } from '../../src/domain/validation';

type Path = (string | number)[];
/** Put in place of a value to delete the key. */
const ABSENT = Symbol('absent');

/** A deep copy of `input` with the value at `path` replaced (or deleted, for ABSENT). */
function withValue(input: unknown, path: Path, value: unknown): unknown {
  const copy: unknown = structuredClone(input);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
  const container = parent as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === ABSENT) delete container[last];
  else container[last] = value;
  return copy;
}

function errorsOf(schema: z.ZodType, input: unknown): FieldError[] {
  const result = schema.safeParse(input);
  assert.equal(result.success, false, `expected ${JSON.stringify(input)} to be refused`);
  return result.success ? [] : toFieldErrors(result.error);
}

function parsed<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) assert.fail(`expected success, got ${JSON.stringify(toFieldErrors(result.error))}`);
  return result.data;
}

/** A Chinese publisher as it might be typed in: spacing, upper case and empty optional fields included. */
const RAW_PUBLISHER = {
  id: 'yunfan-cn',
  companyName: '  上海云帆信息技术有限公司 ',
  creditCode: ' 91310110666007217t ',
  contacts: [
    { name: '王晓明', phone: '138 0013 8000', email: ' Wang.Xiaoming@YunFan.Example.CN ' },
    { name: '李娜', phone: '(021) 6123 4567 转 808', email: 'li.na@yunfan.example.cn' },
  ],
  aadAccounts: [
    { objectId: '00000000-0000-0000-0000-0000000000020', upn: 'AlexW@Example.com', displayName: 'Alex Wilber', role: 'admin' },
    { objectId: '', upn: 'zhang.wei@yunfan.partner.onmschina.cn', displayName: '', role: 'member' },
  ],
  offers: [
    {
      id: 'yunfan-backup-vm',
      name: '云帆备份服务器',
      kind: 'virtualMachine',
      customerService: { name: '云帆客服中心', phone: '400 820 1234', email: 'Support@YunFan.Example.CN', qq: '800012345', wechat: 'yunfan_support', weibo: 'https://weibo.com/u/5601234567' },
    },
    {
      id: 'yunfan-managed-db',
      name: '云帆托管数据库',
      kind: 'service',
      customerService: { name: '陈静', phone: '+86 10 8234 5678', email: 'db-help@yunfan.example.cn', qq: '', wechat: '', weibo: '' },
    },
  ],
  requestRecords: [
    { id: 'req-20240312-001', kind: '资料变更', submittedAt: '2024-03-12T09:15:00+08:00', status: '已完成', summary: '更新公司联系人电话' },
    { id: 'req-20250108-004', kind: '发票申请', submittedAt: '2025-01-08T08:45:00Z', status: '已驳回', summary: '申请 2024 年第四季度服务费发票' },
  ],
};

const VALID_CS = { name: '云帆客服中心', phone: '400-820-1234', email: 'support@yunfan.example.cn' };
const VALID_ACCOUNT = { upn: 'alexw@example.com', role: 'admin' };

describe('domain/publisher publisherSchema', () => {
  it('parses a valid Chinese publisher to canonical values', () => {
    const publisher = parsed(publisherSchema, RAW_PUBLISHER);
    assert.equal(publisher.companyName, '上海云帆信息技术有限公司');
    assert.equal(publisher.creditCode, '91310110666007217T');
    assert.deepEqual(publisher.contacts, [
      { name: '王晓明', phone: '+8613800138000', email: 'wang.xiaoming@yunfan.example.cn' },
      { name: '李娜', phone: '021-61234567-808', email: 'li.na@yunfan.example.cn' },
    ]);
    assert.equal(publisher.aadAccounts[0]!.upn, 'alexw@example.com');
    assert.equal(publisher.aadAccounts[0]!.objectId, '00000000-0000-0000-0000-0000000000020');
    assert.equal(publisher.aadAccounts[1]!.objectId, undefined);
    assert.equal(publisher.aadAccounts[1]!.displayName, undefined);
    const [vm, db] = publisher.offers;
    assert.deepEqual(vm!.customerService, {
      name: '云帆客服中心',
      phone: '400-820-1234',
      email: 'support@yunfan.example.cn',
      qq: '800012345',
      wechat: 'yunfan_support',
      weibo: 'https://weibo.com/u/5601234567',
    });
    assert.equal(db!.customerService.phone, '010-82345678');
    assert.deepEqual([db!.customerService.qq, db!.customerService.wechat, db!.customerService.weibo], [undefined, undefined, undefined]);
    assert.deepEqual(publisher.requestRecords, RAW_PUBLISHER.requestRecords);
  });

  it('gives the same result when its own output is parsed again (export → import round trip)', () => {
    const once = parsed(publisherSchema, RAW_PUBLISHER);
    assert.deepEqual(parsed(publisherSchema, JSON.parse(JSON.stringify(once))), JSON.parse(JSON.stringify(once)));
  });

  it('accepts a credit code that fails its check character (a warning elsewhere, not a rejection)', () => {
    const publisher = parsed(publisherSchema, withValue(RAW_PUBLISHER, ['creditCode'], '91310110666007217A'));
    assert.equal(publisher.creditCode, '91310110666007217A');
  });

  for (const empty of ['', null]) {
    it(`treats creditCode ${JSON.stringify(empty)} as absent`, () => {
      assert.equal(parsed(publisherSchema, withValue(RAW_PUBLISHER, ['creditCode'], empty)).creditCode, undefined);
    });
  }

  it('accepts a publisher without offers or request records', () => {
    const publisher = parsed(publisherSchema, { ...RAW_PUBLISHER, offers: [], requestRecords: [] });
    assert.deepEqual([publisher.offers, publisher.requestRecords], [[], []]);
  });

  // Each rule: one change to the valid publisher, and exactly the error it must produce.
  const RULES: { rule: string; path: Path; value: unknown; error: FieldError }[] = [
    { rule: 'id is required', path: ['id'], value: ABSENT, error: { path: 'id', messageKey: 'validation.required' } },
    { rule: 'id is lowercase letters, digits, - and _', path: ['id'], value: 'Yunfan CN', error: { path: 'id', messageKey: 'validation.id' } },
    { rule: 'id has at most 64 characters', path: ['id'], value: 'a'.repeat(65), error: { path: 'id', messageKey: 'validation.tooLong' } },
    { rule: 'companyName is not blank', path: ['companyName'], value: '   ', error: { path: 'companyName', messageKey: 'validation.required' } },
    { rule: 'companyName has at most 200 characters', path: ['companyName'], value: '云'.repeat(201), error: { path: 'companyName', messageKey: 'validation.tooLongTyped', params: { length: 201, max: 200 } } },
    { rule: 'companyName refuses <', path: ['companyName'], value: '<b>云帆</b>', error: { path: 'companyName', messageKey: 'validation.characters' } },
    { rule: 'companyName refuses >', path: ['companyName'], value: '云帆 > 公司', error: { path: 'companyName', messageKey: 'validation.characters' } },
    { rule: 'companyName refuses control characters', path: ['companyName'], value: '云帆\u0007公司', error: { path: 'companyName', messageKey: 'validation.characters' } },
    { rule: 'creditCode has 18 characters', path: ['creditCode'], value: '91310110666007217', error: { path: 'creditCode', messageKey: 'validation.creditCodeLength', params: { length: 17 } } },
    { rule: 'creditCode refuses I, O, S, V, Z', path: ['creditCode'], value: '9131011066600721OT', error: { path: 'creditCode', messageKey: 'validation.creditCodeCharacters', params: { characters: 'O' } } },
    { rule: 'at least one contact', path: ['contacts'], value: [], error: { path: 'contacts', messageKey: 'validation.atLeastOneContact' } },
    {
      rule: 'at most 20 contacts',
      path: ['contacts'],
      value: Array.from({ length: 21 }, () => RAW_PUBLISHER.contacts[0]),
      error: { path: 'contacts', messageKey: 'validation.tooMany' },
    },
    { rule: 'a contact phone is a phone number', path: ['contacts', 1, 'phone'], value: '12800138000', error: { path: 'contacts[1].phone', messageKey: 'validation.phoneMobilePrefix' } },
    { rule: 'a contact phone is required', path: ['contacts', 0, 'phone'], value: ABSENT, error: { path: 'contacts[0].phone', messageKey: 'validation.required' } },
    { rule: 'a contact e-mail is an e-mail address', path: ['contacts', 0, 'email'], value: 'wang@', error: { path: 'contacts[0].email', messageKey: 'validation.emailDomain' } },
    { rule: 'a contact name refuses markup', path: ['contacts', 0, 'name'], value: '<img src=x>', error: { path: 'contacts[0].name', messageKey: 'validation.characters' } },
    { rule: 'a contact name has at most 50 characters', path: ['contacts', 0, 'name'], value: '王'.repeat(51), error: { path: 'contacts[0].name', messageKey: 'validation.tooLongTyped', params: { length: 51, max: 50 } } },
    { rule: 'a contact has no unknown fields', path: ['contacts', 0, 'mobile'], value: '13800138000', error: { path: 'contacts[0].mobile', messageKey: 'validation.unknownField' } },
    { rule: 'a role is admin or member', path: ['aadAccounts', 1, 'role'], value: 'owner', error: { path: 'aadAccounts[1].role', messageKey: 'validation.role' } },
    { rule: 'a upn is shaped like an e-mail address', path: ['aadAccounts', 1, 'upn'], value: 'zhang.wei', error: { path: 'aadAccounts[1].upn', messageKey: 'validation.emailNoAt' } },
    {
      rule: 'a upn has at most 113 characters',
      path: ['aadAccounts', 1, 'upn'],
      value: `${'a'.repeat(102)}@example.com`,
      error: { path: 'aadAccounts[1].upn', messageKey: 'validation.tooLongTyped', params: { length: 114, max: 113 } },
    },
    { rule: 'an objectId is letters, digits and -', path: ['aadAccounts', 0, 'objectId'], value: 'not a guid!', error: { path: 'aadAccounts[0].objectId', messageKey: 'validation.objectId' } },
    { rule: 'a displayName refuses markup', path: ['aadAccounts', 0, 'displayName'], value: 'Alex <Admin>', error: { path: 'aadAccounts[0].displayName', messageKey: 'validation.characters' } },
    { rule: 'an offer id is lowercase letters, digits, - and _', path: ['offers', 0, 'id'], value: 'Backup VM', error: { path: 'offers[0].id', messageKey: 'validation.id' } },
    { rule: 'an offer id has at most 50 characters', path: ['offers', 0, 'id'], value: 'a'.repeat(51), error: { path: 'offers[0].id', messageKey: 'validation.tooLong' } },
    { rule: 'an offer kind is one of the three kinds', path: ['offers', 0, 'kind'], value: 'vm', error: { path: 'offers[0].kind', messageKey: 'validation.offerKind' } },
    { rule: 'an offer name refuses markup', path: ['offers', 0, 'name'], value: '<script>alert(1)</script>', error: { path: 'offers[0].name', messageKey: 'validation.characters' } },
    { rule: 'a customer-service QQ is a QQ number', path: ['offers', 0, 'customerService', 'qq'], value: '0800012345', error: { path: 'offers[0].customerService.qq', messageKey: 'validation.qqLeadingZero', params: { digits: 10 } } },
    { rule: 'a customer-service WeChat ID is a WeChat ID', path: ['offers', 0, 'customerService', 'wechat'], value: '9yunfan', error: { path: 'offers[0].customerService.wechat', messageKey: 'validation.wechatStart' } },
    { rule: 'a customer-service Weibo is a Weibo account', path: ['offers', 0, 'customerService', 'weibo'], value: 'a b', error: { path: 'offers[0].customerService.weibo', messageKey: 'validation.weiboCharacters' } },
    { rule: 'a customer-service phone is a phone number', path: ['offers', 1, 'customerService', 'phone'], value: '400-820-123', error: { path: 'offers[1].customerService.phone', messageKey: 'validation.phoneServiceLength', params: { digits: 9 } } },
    { rule: 'a request record submittedAt is an ISO 8601 date-time with offset', path: ['requestRecords', 0, 'submittedAt'], value: '2024-03-12 09:15', error: { path: 'requestRecords[0].submittedAt', messageKey: 'validation.dateTime' } },
    { rule: 'a request record id is letters, digits, - and _', path: ['requestRecords', 0, 'id'], value: 'req 1', error: { path: 'requestRecords[0].id', messageKey: 'validation.id' } },
    { rule: 'a request record summary refuses markup', path: ['requestRecords', 1, 'summary'], value: 'a<b', error: { path: 'requestRecords[1].summary', messageKey: 'validation.characters' } },
    { rule: 'no unknown top-level fields', path: ['nickname'], value: '云帆', error: { path: 'nickname', messageKey: 'validation.unknownField' } },
    { rule: 'no unknown fields in customer service', path: ['offers', 1, 'customerService', 'notAField'], value: 'yunfan', error: { path: 'offers[1].customerService.notAField', messageKey: 'validation.unknownField' } },
    { rule: 'at least one administrator', path: ['aadAccounts', 0, 'role'], value: 'member', error: { path: 'aadAccounts', messageKey: 'validation.atLeastOneAdmin' } },
    { rule: 'no duplicate upn (compared after lower-casing)', path: ['aadAccounts', 1, 'upn'], value: 'ALEXW@example.com', error: { path: 'aadAccounts[1].upn', messageKey: 'validation.duplicate' } },
    { rule: 'no duplicate offer id', path: ['offers', 1, 'id'], value: 'yunfan-backup-vm', error: { path: 'offers[1].id', messageKey: 'validation.duplicate' } },
    { rule: 'no duplicate request record id', path: ['requestRecords', 1, 'id'], value: 'req-20240312-001', error: { path: 'requestRecords[1].id', messageKey: 'validation.duplicate' } },
  ];
  describe('each rule gives its locale key at the field path', () => {
    for (const { rule, path, value, error } of RULES) {
      it(`${rule} → ${error.messageKey} at ${error.path}`, () => {
        assert.deepEqual(errorsOf(publisherSchema, withValue(RAW_PUBLISHER, path, value)), [error]);
      });
    }
  });

  // The form shows the first message per field; zod also reports the pattern, which '' fails too.
  it('refuses an empty id with validation.required first', () => {
    const errors = errorsOf(publisherSchema, withValue(RAW_PUBLISHER, ['id'], ''));
    assert.deepEqual(errors[0], { path: 'id', messageKey: 'validation.required' });
    assert.deepEqual(new Set(errors.map((e) => e.path)), new Set(['id']));
  });

  it('refuses an empty AAD account list with validation.atLeastOneAdmin at aadAccounts', () => {
    const errors = errorsOf(publisherSchema, { ...RAW_PUBLISHER, aadAccounts: [] });
    assert.ok(errors.length > 0);
    assert.deepEqual(new Set(errors.map((e) => `${e.path} ${e.messageKey}`)), new Set(['aadAccounts validation.atLeastOneAdmin']));
  });

  it('reports every duplicate after the first, at its own index', () => {
    const account = RAW_PUBLISHER.aadAccounts[0];
    const errors = errorsOf(publisherSchema, { ...RAW_PUBLISHER, aadAccounts: [account, account, RAW_PUBLISHER.aadAccounts[1], account] });
    assert.deepEqual(errors, [
      { path: 'aadAccounts[1].upn', messageKey: 'validation.duplicate' },
      { path: 'aadAccounts[3].upn', messageKey: 'validation.duplicate' },
    ]);
  });

  it('names every unknown field, each at its own path', () => {
    const errors = errorsOf(publisherSchema, { ...RAW_PUBLISHER, a: 1, b: 2 });
    assert.deepEqual(errors, [
      { path: 'a', messageKey: 'validation.unknownField' },
      { path: 'b', messageKey: 'validation.unknownField' },
    ]);
  });

  it('uses only validation.* keys for an input that is not an object at all', () => {
    for (const input of [null, 'publisher', 42, []]) {
      for (const error of errorsOf(publisherSchema, input)) assert.match(error.messageKey, /^validation\./);
    }
  });
});

describe('domain/publisher contactInfoSchema', () => {
  const RAW_INFO = { companyName: RAW_PUBLISHER.companyName, creditCode: RAW_PUBLISHER.creditCode, contacts: RAW_PUBLISHER.contacts };

  it('parses company and contacts to canonical values', () => {
    assert.deepEqual(parsed(contactInfoSchema, RAW_INFO), {
      companyName: '上海云帆信息技术有限公司',
      creditCode: '91310110666007217T',
      contacts: [
        { name: '王晓明', phone: '+8613800138000', email: 'wang.xiaoming@yunfan.example.cn' },
        { name: '李娜', phone: '021-61234567-808', email: 'li.na@yunfan.example.cn' },
      ],
    });
  });

  it('accepts a missing or empty credit code as absent', () => {
    assert.equal(parsed(contactInfoSchema, withValue(RAW_INFO, ['creditCode'], ABSENT)).creditCode, undefined);
    assert.equal(parsed(contactInfoSchema, withValue(RAW_INFO, ['creditCode'], '')).creditCode, undefined);
  });

  const RULES: { rule: string; path: Path; value: unknown; error: FieldError }[] = [
    { rule: 'fields outside contact information are unknown', path: ['id'], value: 'yunfan-cn', error: { path: 'id', messageKey: 'validation.unknownField' } },
    { rule: 'at least one contact', path: ['contacts'], value: [], error: { path: 'contacts', messageKey: 'validation.atLeastOneContact' } },
    { rule: 'companyName is required', path: ['companyName'], value: ABSENT, error: { path: 'companyName', messageKey: 'validation.required' } },
    { rule: 'creditCode pattern', path: ['creditCode'], value: '91310110666007217Z', error: { path: 'creditCode', messageKey: 'validation.creditCodeCharacters', params: { characters: 'Z' } } },
    { rule: 'contact phone', path: ['contacts', 0, 'phone'], value: '+86 138 0013 800', error: { path: 'contacts[0].phone', messageKey: 'validation.phoneMobileLength', params: { digits: 10 } } },
  ];
  for (const { rule, path, value, error } of RULES) {
    it(`${rule} → ${error.messageKey} at ${error.path}`, () => {
      assert.deepEqual(errorsOf(contactInfoSchema, withValue(RAW_INFO, path, value)), [error]);
    });
  }
});

describe('domain/publisher aadAccountSchema', () => {
  it('trims and lower-cases the upn and keeps the rest', () => {
    assert.deepEqual(parsed(aadAccountSchema, { objectId: 'abc-123', upn: ' Zhang.Wei@YunFan.partner.onmschina.cn ', displayName: ' 张伟 ', role: 'member' }), {
      objectId: 'abc-123',
      upn: 'zhang.wei@yunfan.partner.onmschina.cn',
      displayName: '张伟',
      role: 'member',
    });
  });

  it('accepts a upn of exactly 113 characters', () => {
    const upn = `${'a'.repeat(101)}@example.com`;
    assert.equal(upn.length, 113);
    assert.equal(parsed(aadAccountSchema, { upn, role: 'admin' }).upn, upn);
  });

  it('accepts the Agents Playground aadObjectId, which is not a strict GUID', () => {
    assert.equal(parsed(aadAccountSchema, { ...VALID_ACCOUNT, objectId: '00000000-0000-0000-0000-0000000000020' }).objectId, '00000000-0000-0000-0000-0000000000020');
  });

  const RULES: { rule: string; input: unknown; error: FieldError }[] = [
    { rule: 'role is required', input: { upn: 'a@b.cn' }, error: { path: 'role', messageKey: 'validation.role' } },
    { rule: 'upn is required', input: { role: 'admin' }, error: { path: 'upn', messageKey: 'validation.required' } },
    { rule: 'no unknown fields', input: { ...VALID_ACCOUNT, tenantId: 'x' }, error: { path: 'tenantId', messageKey: 'validation.unknownField' } },
    { rule: 'displayName refuses markup', input: { ...VALID_ACCOUNT, displayName: '<b>' }, error: { path: 'displayName', messageKey: 'validation.characters' } },
    { rule: 'objectId refuses spaces', input: { ...VALID_ACCOUNT, objectId: 'a b' }, error: { path: 'objectId', messageKey: 'validation.objectId' } },
  ];
  for (const { rule, input, error } of RULES) {
    it(`${rule} → ${error.messageKey} at ${error.path}`, () => {
      assert.deepEqual(errorsOf(aadAccountSchema, input), [error]);
    });
  }
});

describe('domain/publisher customerServiceSchema', () => {
  it('parses to canonical values', () => {
    assert.deepEqual(
      parsed(customerServiceSchema, { name: ' 赵磊 ', phone: '139 1234 5678', email: 'Zhao.Lei@YunFan.Example.CN', qq: ' 1234567890 ', wechat: 'zhaolei-yf', weibo: '云帆技术支持' }),
      { name: '赵磊', phone: '+8613912345678', email: 'zhao.lei@yunfan.example.cn', qq: '1234567890', wechat: 'zhaolei-yf', weibo: '云帆技术支持' },
    );
  });

  for (const field of ['qq', 'wechat', 'weibo'] as const) {
    it(`accepts an empty ${field} string as absent`, () => {
      assert.equal(parsed(customerServiceSchema, { ...VALID_CS, [field]: '' })[field], undefined);
    });
    it(`accepts a missing ${field} as absent`, () => {
      assert.equal(parsed(customerServiceSchema, VALID_CS)[field], undefined);
    });
  }

  it('refuses markup in the name', () => {
    assert.deepEqual(errorsOf(customerServiceSchema, { ...VALID_CS, name: '客服<a href=x>' }), [{ path: 'name', messageKey: 'validation.characters' }]);
    assert.deepEqual(errorsOf(customerServiceSchema, { ...VALID_CS, name: '客服>' }), [{ path: 'name', messageKey: 'validation.characters' }]);
  });

  /** A refusal as the user reads it: the reason's locale key and the numbers its message names. */
  type Refusal = [value: string, messageKey: string, params?: Record<string, number | string>];
  const FIELD_CASES: { field: 'qq' | 'wechat' | 'weibo'; accept: [typed: string, stored?: string][]; reject: Refusal[] }[] = [
    {
      field: 'qq',
      // [1-9] then 4–10 digits: 5 to 11 digits in all. Full-width digits (a Chinese IME's) are the same digits.
      accept: [['10000'], ['12345678901'], ['800012345'], ['１２３４５', '12345'], ['８０００１２３４５', '800012345']],
      reject: [
        ['1000', 'validation.qqLength', { digits: 4 }],
        ['123456789012', 'validation.qqLength', { digits: 12 }],
        ['01234', 'validation.qqLeadingZero', { digits: 5 }],
        ['０１２３', 'validation.qqLeadingZero', { digits: 4 }],
        ['1234a', 'validation.qqDigits'],
        ['-12345', 'validation.qqDigits'],
      ],
    },
    {
      field: 'wechat',
      // A letter, then 5–19 letters, digits, _ or -: 6 to 20 characters in all.
      accept: [['a12345'], [`a${'1'.repeat(19)}`], ['wx_id-ok'], ['Zhaolei-yf'], ['abcdef'], ['ｗｘ＿ｉｄ－ｏｋ', 'wx_id-ok']],
      reject: [
        ['a1234', 'validation.wechatLength', { length: 5 }],
        [`a${'1'.repeat(20)}`, 'validation.wechatLength', { length: 21 }],
        ['1abcdef', 'validation.wechatStart'],
        ['_abcdef', 'validation.wechatStart'],
        ['-abcdef', 'validation.wechatStart'],
        ['abc def', 'validation.wechatCharacters'],
        ['abc.def', 'validation.wechatCharacters'],
        ['abc@def', 'validation.wechatCharacters'],
        ['张三abcdef', 'validation.wechatStart'],
      ],
    },
    {
      field: 'weibo',
      accept: [
        ['abcd'],
        ['a'.repeat(30)],
        ['云帆技术支持'],
        ['@云帆技术支持'],
        // Weibo counts a Chinese character as two: a two-character nickname is four units.
        ['云帆'],
        ['海纳'],
        ['yunfan_support-1'],
        ['12345'],
        ['5601234567'],
        ['https://weibo.com/u/5601234567'],
        ['https://weibo.com/yunfan'],
        ['http://www.weibo.com/u/5601234567'],
        ['https://m.weibo.cn/u/5601234567'],
        ['https://weibo.cn/yunfan/'],
        // A profile link as written on a business card, without the scheme, is stored as a link.
        ['weibo.com/u/5601234567', 'https://weibo.com/u/5601234567'],
        ['m.weibo.cn/u/123456', 'https://m.weibo.cn/u/123456'],
        ['www.weibo.com/yunfan', 'https://www.weibo.com/yunfan'],
      ],
      reject: [
        ['abc', 'validation.weiboNicknameLength', { width: 3 }],
        ['云', 'validation.weiboNicknameLength', { width: 2 }],
        ['a'.repeat(31), 'validation.weiboNicknameLength', { width: 31 }],
        ['云'.repeat(16), 'validation.weiboNicknameLength', { width: 32 }],
        ['yun fan', 'validation.weiboCharacters'],
        ['yun.fan', 'validation.weiboCharacters'],
        ['<yunfan>', 'validation.weiboCharacters'],
        ['https://example.com/u/5601234567', 'validation.weiboLink'],
        ['https://weibo.com.example.cn/u/5601234567', 'validation.weiboLink'],
        ['ftp://weibo.com/u/5601234567', 'validation.weiboLink'],
        ['javascript:alert(1)', 'validation.weiboLink'],
        ['weibo.com.example.cn/u/1', 'validation.weiboLink'],
      ],
    },
  ];
  for (const { field, accept, reject } of FIELD_CASES) {
    describe(field, () => {
      for (const [value, stored = value] of accept) {
        it(`accepts ${JSON.stringify(value)}${stored === value ? '' : ` as ${JSON.stringify(stored)}`}`, () => {
          assert.equal(parsed(customerServiceSchema, { ...VALID_CS, [field]: value })[field], stored);
        });
      }
      for (const [value, messageKey, params] of reject) {
        it(`refuses ${JSON.stringify(value)} with ${messageKey}${params ? ` ${JSON.stringify(params)}` : ''}`, () => {
          assert.deepEqual(errorsOf(customerServiceSchema, { ...VALID_CS, [field]: value }), [{ path: field, messageKey, ...(params ? { params } : {}) }]);
        });
      }
    });
  }
});
