import assert from 'node:assert/strict';
import { ACCOUNT_FIELDS, COMPANY_FIELDS, CONTACT_FIELDS, CUSTOMER_SERVICE_FIELDS, specOf, type FieldSpec } from '../../src/domain/fieldSpecs';
import { clientRegex } from '../../src/cards/formInputs';

const lists: [string, Record<string, FieldSpec>][] = [
  ['contact', CONTACT_FIELDS],
  ['customer service', CUSTOMER_SERVICE_FIELDS],
  ['company', COMPANY_FIELDS],
  ['account', ACCOUNT_FIELDS],
];

describe('field specs', () => {
  for (const [list, specs] of lists) {
    for (const [name, spec] of Object.entries(specs)) {
      it(`${list} · ${name}: its sample passes its schema, and two seeds give two values`, () => {
        const a = spec.sample('a1b2c3d4');
        const b = spec.sample('e5f6a7b8');
        assert.equal(spec.schema.safeParse(a).success, true, a);
        assert.notEqual(a, b);
      });

      const pattern = spec.clientPattern;
      if (pattern !== undefined) {
        it(`${list} · ${name}: its client pattern accepts the sample and runs on every client`, () => {
          assert.equal(clientRegex(pattern), pattern, 'Teams runs it without the u flag');
          assert.match(spec.sample('a1b2c3d4'), new RegExp(pattern));
        });
      }

      it(`${list} · ${name}: a required field refuses an empty value; an optional one accepts it`, () => {
        assert.equal(spec.schema.safeParse('').success, !spec.required);
      });
    }
  }
});

describe('field spec references (what a form field carries)', () => {
  it('name the spec of their list, and nothing else', () => {
    assert.equal(specOf('contact.phone'), CONTACT_FIELDS.phone);
    assert.equal(specOf('customerService.qq'), CUSTOMER_SERVICE_FIELDS.qq);
    assert.equal(specOf('company.creditCode'), COMPANY_FIELDS.creditCode);
    assert.equal(specOf('account.upn'), ACCOUNT_FIELDS.upn);
    for (const ref of [undefined, '', 'contact', 'contact.fax', 'constructor.name', 'contact.__proto__']) assert.equal(specOf(ref), undefined, String(ref));
  });
});
