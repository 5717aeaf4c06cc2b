/**
 * Every refusal of every edited field says why in terms of what was typed, in both languages: the
 * message names what is wrong with this input (a count of what was typed, the character that is not
 * allowed, the missing part) rather than restating a rule the input seems to satisfy.
 */
import assert from 'node:assert/strict';
import { ACCOUNT_FIELDS, COMPANY_FIELDS, CONTACT_FIELDS, CUSTOMER_SERVICE_FIELDS, type FieldSpec } from '../../src/domain/fieldSpecs';
import { checkValue } from '../../src/domain/validation';
import { LOCALES, translator } from '../../src/i18n';

type Case = [typed: string, messageKey: string, params?: Record<string, string | number>];

// A contact person and an offer's customer service share these fields' specs.
const PERSON_CASES: Record<string, Case[]> = {
  name: [
    ['王'.repeat(51), 'validation.tooLongTyped', { length: 51, max: 50 }],
    ['王<伟>', 'validation.characters'],
  ],
  phone: [
    ['12345', 'validation.phoneMobileLength', { digits: 5 }],
    ['１３９１２３４', 'validation.phoneMobileLength', { digits: 7 }],
    ['12812345678', 'validation.phoneMobilePrefix'],
    ['021-1234', 'validation.phoneLandline', { digits: 7 }],
    ['61234567', 'validation.phoneLandline', { digits: 8 }],
    ['400-820-123', 'validation.phoneServiceLength', { digits: 9 }],
    ['9558', 'validation.phoneShortLength', { digits: 4 }],
    ['+44 12', 'validation.phoneInternational', { digits: 4 }],
    ['abc', 'validation.phoneNoDigits'],
    ['138 0013 800a', 'validation.phoneCharacters'],
  ],
  email: [
    ['wang.example.cn', 'validation.emailNoAt'],
    ['wang@@example.cn', 'validation.emailAtCount', { count: 2 }],
    ['@example.cn', 'validation.emailNoLocal'],
    ['wang@example', 'validation.emailDomain'],
    ['wang xiao@example.cn', 'validation.emailSpace'],
    [`${'a'.repeat(250)}@example.cn`, 'validation.tooLongTyped', { length: 261, max: 254 }],
  ],
};

const CASES: [list: string, specs: Record<string, FieldSpec>, cases: Record<string, Case[]>][] = [
  ['contact', CONTACT_FIELDS, PERSON_CASES],
  [
    'customer service',
    CUSTOMER_SERVICE_FIELDS,
    {
      ...PERSON_CASES,
      qq: [
        ['01234567', 'validation.qqLeadingZero', { digits: 8 }],
        ['1234', 'validation.qqLength', { digits: 4 }],
        ['12a45', 'validation.qqDigits'],
      ],
      wechat: [
        ['yf', 'validation.wechatLength', { length: 2 }],
        ['8yunfan', 'validation.wechatStart'],
        ['yun fan', 'validation.wechatCharacters'],
      ],
      weibo: [
        ['云', 'validation.weiboNicknameLength', { width: 2 }],
        ['yun fan', 'validation.weiboCharacters'],
        ['https://example.com/yunfan', 'validation.weiboLink'],
      ],
    },
  ],
  [
    'company',
    COMPANY_FIELDS,
    {
      companyName: [['云'.repeat(201), 'validation.tooLongTyped', { length: 201, max: 200 }]],
      creditCode: [
        ['9131011066600721', 'validation.creditCodeLength', { length: 16 }],
        ['91310110666007217I', 'validation.creditCodeCharacters', { characters: 'I' }],
      ],
    },
  ],
  [
    'account',
    ACCOUNT_FIELDS,
    {
      upn: [[`${'a'.repeat(102)}@example.com`, 'validation.tooLongTyped', { length: 114, max: 113 }]],
      displayName: [['A'.repeat(101), 'validation.tooLongTyped', { length: 101, max: 100 }]],
    },
  ],
];

describe('refusals say why, in terms of what was typed', () => {
  for (const [list, specs, cases] of CASES) {
    for (const [field, fieldCases] of Object.entries(cases)) {
      for (const [typed, messageKey, params] of fieldCases) {
        it(`${list} · ${field}: ${JSON.stringify(typed.length > 30 ? `${typed.slice(0, 27)}…` : typed)} → ${messageKey}`, () => {
          assert.deepEqual(checkValue(specs[field]!, typed), {
            refusal: { messageKey, ...(params ? { params } : {}) },
          });
          for (const locale of LOCALES) {
            const message = translator(locale)(messageKey, params);
            assert.notEqual(message, messageKey, `${messageKey} is missing in ${locale}`);
            // The numbers and characters the message is about appear in it.
            for (const value of Object.values(params ?? {})) assert.ok(message.includes(String(value)), `${locale}: "${message}" does not name ${value}`);
            assert.doesNotMatch(message, /\{\{/, `${locale}: "${message}" has an unfilled placeholder`);
          }
        });
      }
    }
  }

  it('every spec field has refusal cases here (a new field brings its own)', () => {
    for (const [list, specs, cases] of CASES) {
      for (const field of Object.keys(specs)) assert.ok(cases[field]?.length, `${list} · ${field} has no refusal case`);
    }
  });
});
