import assert from 'node:assert/strict';
import { changedPaths } from '../../src/domain/diff';

const WANG = { name: '王晓明', phone: '+8613800138000', email: 'wang@yunfan.example.cn' };
const LI = { name: '李娜', phone: '021-61234567-808', email: 'li.na@yunfan.example.cn' };
const ZHAO = { name: '赵磊', phone: '+8613912345678', email: 'zhao.lei@yunfan.example.cn' };

const CASES: { behaviour: string; before: unknown; after: unknown; paths: string[] }[] = [
  { behaviour: 'equal records have no changed paths', before: { contacts: [WANG, LI] }, after: { contacts: [{ ...WANG }, { ...LI }] }, paths: [] },
  { behaviour: 'a changed leaf is named by its full path', before: { contacts: [WANG, LI] }, after: { contacts: [WANG, { ...LI, phone: '+8613800138001' }] }, paths: ['contacts[1].phone'] },
  {
    behaviour: 'several changed leaves are each named, in order',
    before: { companyName: 'A', contacts: [WANG] },
    after: { companyName: 'B', contacts: [{ ...WANG, name: '王小明', email: 'x@y.cn' }] },
    paths: ['companyName', 'contacts[0].name', 'contacts[0].email'],
  },
  { behaviour: 'an element added to the end of an array is named by its index', before: { contacts: [WANG] }, after: { contacts: [WANG, LI] }, paths: ['contacts[1]'] },
  { behaviour: 'two elements added are each named', before: { contacts: [WANG] }, after: { contacts: [WANG, LI, ZHAO] }, paths: ['contacts[1]', 'contacts[2]'] },
  { behaviour: 'an element removed from the end of an array is named by its old index', before: { contacts: [WANG, LI] }, after: { contacts: [WANG] }, paths: ['contacts[1]'] },
  { behaviour: 'emptying an array names every old element', before: { offers: ['a', 'b'] }, after: { offers: [] }, paths: ['offers[0]', 'offers[1]'] },
  {
    behaviour: 'a change deep inside nested objects and arrays is named by its full path',
    before: { offers: [{ id: 'vm', customerService: { qq: '10000', wechat: 'yunfan_support' } }] },
    after: { offers: [{ id: 'vm', customerService: { qq: '10001', wechat: 'yunfan_support' } }] },
    paths: ['offers[0].customerService.qq'],
  },
  { behaviour: 'a field added to an object is named', before: { cs: { name: 'A' } }, after: { cs: { name: 'A', qq: '10000' } }, paths: ['cs.qq'] },
  { behaviour: 'a field removed from an object is named', before: { cs: { name: 'A', qq: '10000' } }, after: { cs: { name: 'A' } }, paths: ['cs.qq'] },
  { behaviour: 'a field set to undefined is removed', before: { creditCode: '91310110666007217T' }, after: { creditCode: undefined }, paths: ['creditCode'] },
  { behaviour: 'undefined and absent are the same: no change', before: { creditCode: undefined, companyName: 'A' }, after: { companyName: 'A' }, paths: [] },
  { behaviour: 'absent and undefined are the same: no change', before: { cs: { name: 'A' } }, after: { cs: { name: 'A', qq: undefined } }, paths: [] },
  { behaviour: 'a value replaced by a different kind of value is named once', before: { contacts: [WANG] }, after: { contacts: 'none' }, paths: ['contacts'] },
  { behaviour: 'an object replaced by an array is named once', before: { x: { 0: 'a' } }, after: { x: ['a'] }, paths: ['x'] },
  { behaviour: 'a number and its string are different', before: { version: 1 }, after: { version: '1' }, paths: ['version'] },
  { behaviour: 'different top-level values are named by the empty path', before: 'a', after: 'b', paths: [''] },
  { behaviour: 'top-level arrays are named by bracketed indexes', before: [1, 2], after: [1, 3, 4], paths: ['[1]', '[2]'] },
];

describe('domain/diff changedPaths', () => {
  for (const { behaviour, before, after, paths } of CASES) {
    it(behaviour, () => {
      assert.deepEqual(changedPaths(before, after), paths);
    });
  }

  it('is symmetric in which paths it names for additions and removals', () => {
    const before = { contacts: [WANG], offers: [] };
    const after = { contacts: [WANG, LI], offers: [{ id: 'vm' }] };
    assert.deepEqual(changedPaths(before, after), changedPaths(after, before));
  });

  it('names paths under a prefix when given one', () => {
    assert.deepEqual(changedPaths({ phone: 'a' }, { phone: 'b' }, ['contacts', 2]), ['contacts[2].phone']);
  });
});
