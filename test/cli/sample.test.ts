/**
 * examples/publishers.sample.json is a valid import file already in canonical form, so that what
 * `export` returns equals what the file says.
 */
import assert from 'node:assert/strict';
import { parseImportFile } from '../../src/cli/importFile';
import { creditCodeCheckPasses } from '../../src/domain/creditCode';
import { readSample } from '../helpers/cli';

describe('sample import file', () => {
  it('validates and is left unchanged by validation (canonical phones, lowercase e-mail)', async () => {
    const sample = await readSample();
    const result = parseImportFile(Buffer.from(JSON.stringify(sample), 'utf8'));
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepStrictEqual(JSON.parse(JSON.stringify(result.publishers)), sample.publishers);
  });

  it('holds two Chinese publishers with credit codes that pass their check character', async () => {
    const { publishers } = await readSample();
    assert.equal(publishers.length, 2);
    for (const publisher of publishers) {
      assert.match(publisher.companyName, /\p{Script=Han}/u);
      assert.ok(publisher.creditCode !== undefined && creditCodeCheckPasses(publisher.creditCode), publisher.creditCode);
    }
  });
});
