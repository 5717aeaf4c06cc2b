import assert from 'node:assert/strict';
import { maskPhone, normalizePhone } from '../../src/domain/phone';

interface Accepted {
  input: string;
  canonical: string;
}

const MOBILE: Accepted[] = [
  { input: '13800138000', canonical: '+8613800138000' },
  { input: '138 0013 8000', canonical: '+8613800138000' },
  { input: '138-0013-8000', canonical: '+8613800138000' },
  { input: '  138 0013 8000  ', canonical: '+8613800138000' },
  { input: '+86 138-0013-8000', canonical: '+8613800138000' },
  { input: '+8613800138000', canonical: '+8613800138000' },
  { input: '86 13800138000', canonical: '+8613800138000' },
  { input: '8613800138000', canonical: '+8613800138000' },
  { input: '0086 138 0013 8000', canonical: '+8613800138000' },
  { input: '(+86) 138 0013 8000', canonical: '+8613800138000' },
  // Every second digit 3–9 is a mobile prefix; no carrier-specific list.
  { input: '13012345678', canonical: '+8613012345678' },
  { input: '14712345678', canonical: '+8614712345678' },
  { input: '15912345678', canonical: '+8615912345678' },
  { input: '16612345678', canonical: '+8616612345678' },
  { input: '17712345678', canonical: '+8617712345678' },
  { input: '18812345678', canonical: '+8618812345678' },
  { input: '19912345678', canonical: '+8619912345678' },
];

const LANDLINE: Accepted[] = [
  { input: '010-12345678', canonical: '010-12345678' },
  { input: '010 1234 5678', canonical: '010-12345678' },
  { input: '(010) 12345678', canonical: '010-12345678' },
  { input: '（010）12345678', canonical: '010-12345678' },
  { input: '01012345678', canonical: '010-12345678' },
  { input: '021-1234567', canonical: '021-1234567' },
  { input: '020-87654321', canonical: '020-87654321' },
  { input: '029 8765 4321', canonical: '029-87654321' },
  { input: '0755-88888888', canonical: '0755-88888888' },
  { input: '0755-8888888', canonical: '0755-8888888' },
  { input: '0571 8765 4321', canonical: '0571-87654321' },
  { input: '+86 10 1234 5678', canonical: '010-12345678' },
  { input: '+86 755 8888 8888', canonical: '0755-88888888' },
  { input: '0086 21 1234 5678', canonical: '021-12345678' },
];

const LANDLINE_WITH_EXTENSION: Accepted[] = [
  { input: '0755-88888888-123', canonical: '0755-88888888-123' },
  { input: '0755-8888-8888-123', canonical: '0755-88888888-123' },
  { input: '0755-88888888转123', canonical: '0755-88888888-123' },
  { input: '0755-88888888 转 123', canonical: '0755-88888888-123' },
  { input: '(0755) 8888 8888 转 123', canonical: '0755-88888888-123' },
  { input: '010 12345678 - 8001', canonical: '010-12345678-8001' },
  { input: '010-12345678 转 1', canonical: '010-12345678-1' },
  { input: '010-12345678-123456', canonical: '010-12345678-123456' },
  { input: '0755-8888888-123', canonical: '0755-8888888-123' },
];

const SERVICE: Accepted[] = [
  { input: '400 123 4567', canonical: '400-123-4567' },
  { input: '400-123-4567', canonical: '400-123-4567' },
  { input: '4001234567', canonical: '400-123-4567' },
  { input: '800-810-8888', canonical: '800-810-8888' },
  { input: '800 810 8888', canonical: '800-810-8888' },
];

const INTERNATIONAL: Accepted[] = [
  { input: '+44 20 7946 0958', canonical: '+442079460958' },
  { input: '+442079460958', canonical: '+442079460958' },
  { input: '0044 20 7946 0958', canonical: '+442079460958' },
  { input: '+1 415-555-2671', canonical: '+14155552671' },
  { input: '+852 2345 6789', canonical: '+85223456789' },
  { input: '+886 2 2345 6789', canonical: '+886223456789' },
];

// Companies' nationwide customer-service numbers (95588 is a bank's), with a sub-line.
const CUSTOMER_SERVICE_95: Accepted[] = [
  { input: '95588', canonical: '95588' },
  { input: '95555', canonical: '95555' },
  { input: '955 66', canonical: '95566' },
  { input: '950808', canonical: '950808' },
  { input: '95588-1', canonical: '95588-1' },
  { input: '95566 转 2', canonical: '95566-2' },
];

const ACCEPTED: Record<string, Accepted[]> = {
  '95xxx customer-service': CUSTOMER_SERVICE_95,
  mobile: MOBILE,
  landline: LANDLINE,
  'landline with extension': LANDLINE_WITH_EXTENSION,
  '400/800': SERVICE,
  international: INTERNATIONAL,
};

// A 7-digit local number with a one-digit extension. Its canonical spelling `0571-1234567-8` has
// the same digits as the 8-digit number `0571-12345678`, so it must not be re-read as that number.
const SHORT_NUMBER_ONE_DIGIT_EXTENSION: Accepted[] = [
  { input: '021-1234567 转 8', canonical: '021-1234567-8' },
  { input: '0571-1234567转8', canonical: '0571-1234567-8' },
];

const REJECTED: { input: string; why: string }[] = [
  { input: '', why: 'empty' },
  { input: '   ', why: 'blank' },
  { input: '12800138000', why: 'a 12x number is not a mobile' },
  { input: '11800138000', why: 'a 11x number is not a mobile' },
  { input: '1380013800', why: 'mobile one digit short' },
  { input: '138001380001', why: 'mobile one digit long' },
  { input: '+86 138 0013 800', why: '+86 with a 10-digit mobile' },
  { input: '+86 138 0013 80001', why: '+86 with a 12-digit mobile' },
  { input: '0086 138 0013 800', why: '0086 with a 10-digit mobile' },
  { input: '+86 128 0013 8000', why: '+86 with a 12x number' },
  { input: '138-0013-800a', why: 'a letter' },
  { input: 'abcdefghijk', why: 'only letters' },
  { input: '138 0013 8000 转 1', why: 'an extension on a mobile' },
  { input: '010-123456', why: 'landline local number of 6 digits' },
  { input: '010-123456789', why: 'landline local number of 9 digits' },
  { input: '12345678', why: 'landline without area code' },
  { input: '0755-88888888-1234567', why: 'extension of 7 digits' },
  { input: '0755-88888888 转', why: 'extension separator with no extension' },
  { input: '400-123-456', why: '400 number one digit short' },
  { input: '400-123-45678', why: '400 number one digit long' },
  { input: '+44 1234', why: 'international number too short' },
  { input: '+44 1234 5678 9012 34', why: 'international number longer than E.164 allows' },
  { input: '+0 123 4567 890', why: 'country code starting with 0' },
  { input: '1'.repeat(41), why: 'over 40 characters' },
  { input: '9558', why: 'a 95 number one digit short' },
  { input: '9558888', why: 'a 95 number one digit long' },
  { input: '10086', why: "a carrier's hotline, not a publisher's number" },
  { input: '12345', why: "the state's hotline, not a publisher's number" },
];

describe('domain/phone normalizePhone', () => {
  for (const [kind, cases] of Object.entries(ACCEPTED)) {
    describe(`accepts ${kind} numbers in their canonical spelling`, () => {
      for (const { input, canonical } of cases) {
        it(`${JSON.stringify(input)} → ${canonical}`, () => {
          assert.equal(normalizePhone(input), canonical);
        });
      }
    });
  }

  describe('rejects what is not a phone number we accept', () => {
    for (const { input, why } of REJECTED) {
      it(`${why}: ${JSON.stringify(input)}`, () => {
        assert.equal(normalizePhone(input), undefined);
      });
    }
  });

  describe('is idempotent: a canonical spelling normalizes to itself', () => {
    for (const { input } of Object.values(ACCEPTED).flat()) {
      it(`normalize(normalize(${JSON.stringify(input)})) === normalize(${JSON.stringify(input)})`, () => {
        const once = normalizePhone(input);
        assert.ok(once !== undefined, `${input} should be accepted`);
        assert.equal(normalizePhone(once), once);
      });
    }
  });

  describe('keeps a one-digit extension on a 7-digit local number', () => {
    for (const { input, canonical } of SHORT_NUMBER_ONE_DIGIT_EXTENSION) {
      it(`${JSON.stringify(input)} → ${canonical}, and ${canonical} stays ${canonical}`, () => {
        assert.equal(normalizePhone(input), canonical);
        assert.equal(normalizePhone(canonical), canonical);
      });
    }
  });
});

describe('domain/phone maskPhone', () => {
  const cases = [
    { phone: '+8613800138000', masked: '138****8000' },
    { phone: '010-12345678', masked: '010-****5678' },
    { phone: '0755-88888888-123', masked: '0755-****8888' },
    { phone: '400-123-4567', masked: '400****4567' },
    { phone: '+442079460958', masked: '+44****0958' },
    { phone: '12345', masked: '****' },
    { phone: '', masked: '****' },
  ];
  for (const { phone, masked } of cases) {
    it(`${JSON.stringify(phone)} → ${masked}`, () => {
      assert.equal(maskPhone(phone), masked);
    });
  }

  it('hides at least three digits of every accepted number', () => {
    for (const { input } of Object.values(ACCEPTED).flat()) {
      const canonical = normalizePhone(input) ?? '';
      const shownDigits = maskPhone(canonical).replace(/\D/g, '').length;
      const allDigits = canonical.replace(/^\+86/, '').replace(/\D/g, '').length;
      assert.ok(allDigits - shownDigits >= 3, `${canonical} masked as ${maskPhone(canonical)}`);
    }
  });
});
