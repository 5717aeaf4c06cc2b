import assert from 'node:assert/strict';
import { CONTACT_FIELDS, CUSTOMER_SERVICE_FIELDS, type FieldSpec } from '../../src/domain/fieldSpecs';
import { clientRegex } from '../../src/cards/formInputs';

const lists: [string, Record<string, FieldSpec>][] = [['contact', CONTACT_FIELDS], ['customer service', CUSTOMER_SERVICE_FIELDS]];

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
