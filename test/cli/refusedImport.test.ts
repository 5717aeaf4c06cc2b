/**
 * An import file with any error is refused as a whole: non-zero exit, every error on stderr with its
 * JSON path, and nothing written, on both engines.
 */
import assert from 'node:assert/strict';
import { cliEngines, readSample, runCli, TempFiles, type ImportFile } from '../helpers/cli';

interface BadImport {
  what: string;
  /** The import command's arguments, after writing whatever file they name. */
  args: (sample: ImportFile, files: TempFiles) => Promise<string[]>;
  /** Lines (or parts of lines) stderr must hold. */
  stderr: string[];
}

const REFUSED = (count: number): string => `Nothing was imported: the file has ${count} error(s).`;
/** What the import says of a mobile number with too few digits: how many were typed. */
const PHONE_MESSAGE = (digits: number): string => `A mainland mobile number has 11 digits; ${digits} typed.`;
/** 北京智云数据科技有限公司 (the sample's first company) encoded in GBK. */
const GBK_COMPANY_NAME = 'b1b1bea9d6c7d4c6cafdbeddbfc6bcbcd3d0cfdeb9abcbbe';

const badImports: BadImport[] = [
  {
    what: 'a bad phone number in the second contact of the second publisher',
    args: async (sample, files) => {
      sample.publishers[1]!.contacts[1]!.phone = '138-0013';
      return [await files.writeImport('bad-phone.json', sample)];
    },
    stderr: [`publishers[1].contacts[1].phone: ${PHONE_MESSAGE(7)}`, REFUSED(1)],
  },
  {
    what: 'an unknown field',
    args: async (sample, files) => {
      Object.assign(sample.publishers[1]!.contacts[0]!, { fax: '010-12345679' });
      return [await files.writeImport('unknown-field.json', sample)];
    },
    stderr: ['publishers[1].contacts[0].fax: This field is not part of the format.', REFUSED(1)],
  },
  {
    what: 'invalid JSON',
    args: async (sample, files) => {
      const text = JSON.stringify(sample, null, 2);
      return [await files.write('truncated.json', text.slice(0, text.length - 20))];
    },
    stderr: ['(file): The file is not valid JSON.', REFUSED(1)],
  },
  {
    what: 'a duplicate publisher id',
    args: async (sample, files) => {
      sample.publishers[1]!.id = sample.publishers[0]!.id;
      return [await files.writeImport('duplicate-id.json', sample)];
    },
    stderr: ['publishers[1].id: This entry already exists.', REFUSED(1)],
  },
  {
    what: 'errors in two records',
    args: async (sample, files) => {
      sample.publishers[0]!.contacts[0]!.email = 'liu.yang@';
      sample.publishers[1]!.contacts[1]!.phone = '12345';
      return [await files.writeImport('two-errors.json', sample)];
    },
    stderr: ['publishers[0].contacts[0].email: The part after the @ is not a domain such as example.com.', `publishers[1].contacts[1].phone: ${PHONE_MESSAGE(5)}`, REFUSED(2)],
  },
  {
    // Fails today: the file-level duplicate check only runs once every record is valid.
    what: 'a duplicate publisher id next to a field error in another record',
    args: async (sample, files) => {
      sample.publishers[1]!.contacts[1]!.phone = '12345';
      sample.publishers.push(structuredClone(sample.publishers[0]!));
      return [await files.writeImport('duplicate-and-phone.json', sample)];
    },
    stderr: [`publishers[1].contacts[1].phone: ${PHONE_MESSAGE(5)}`, 'publishers[2].id: This entry already exists.', REFUSED(2)],
  },
  {
    // Fails today: the publisher-level checks (administrator, duplicates) only run once its fields are valid.
    what: 'a publisher without an administrator that also has a bad phone number',
    args: async (sample, files) => {
      sample.publishers[1]!.aadAccounts[0]!.role = 'member';
      sample.publishers[1]!.contacts[1]!.phone = '12345';
      return [await files.writeImport('no-admin-and-phone.json', sample)];
    },
    stderr: [`publishers[1].contacts[1].phone: ${PHONE_MESSAGE(5)}`, 'publishers[1].aadAccounts: Keep at least one administrator.', REFUSED(2)],
  },
  {
    // Fails today: the file is decoded as UTF-8 without complaint, so GBK (what Chinese Windows tools
    // save as "ANSI") turns names into U+FFFD and is imported with exit 0.
    what: 'a file that is not UTF-8 (a company name in GBK)',
    args: async (sample, files) => {
      const name = sample.publishers[0]!.companyName;
      const gbk = Buffer.from(GBK_COMPANY_NAME, 'hex');
      assert.equal(new TextDecoder('gbk').decode(gbk), name);
      const [before, after] = JSON.stringify(sample, null, 2).split(name);
      return [await files.write('gbk.json', Buffer.concat([Buffer.from(before!), gbk, Buffer.from(after!)]))];
    },
    stderr: ['UTF-8'],
  },
  {
    what: 'a file that does not exist',
    args: (_sample, files) => files.write('placeholder.json', '').then((file) => [`${file}.missing`]),
    stderr: ['placeholder.json.missing'],
  },
  {
    what: 'no file argument',
    args: () => Promise.resolve([]),
    stderr: ['Usage: npm run import -- FILE.json'],
  },
];

for (const engine of cliEngines()) {
  describe(`operator CLI refused import (${engine.name})`, function () {
    this.timeout(60_000);
    const files = new TempFiles();
    let env: NodeJS.ProcessEnv = {};

    before(async function () {
      await engine.prepare(this);
    });
    beforeEach(async () => {
      env = await engine.fresh();
    });
    afterEach(async () => {
      await engine.clean();
      await files.removeAll();
    });
    after(() => engine.dispose());

    for (const bad of badImports) {
      it(`refuses ${bad.what}: non-zero exit, the error on stderr, nothing written`, async () => {
        const sample = await readSample();
        const firstId = sample.publishers[0]!.id;
        const run = await runCli('import', await bad.args(sample, files), env);
        assert.notEqual(run.code, 0);
        assert.equal(run.stdout, '');
        for (const line of bad.stderr) assert.ok(run.stderr.includes(line), `stderr lacks ${JSON.stringify(line)}:\n${run.stderr}`);
        assert.doesNotMatch(run.stderr, /Imported \d+ publisher/);
        assert.deepStrictEqual(await engine.written(), []);

        const exported = await runCli('export', [firstId], env);
        assert.notEqual(exported.code, 0, 'the valid first publisher of a refused file must not exist');
        assert.equal(exported.stdout, '');
        assert.match(exported.stderr, new RegExp(`No publisher with the id "${firstId}"`));
        assert.deepStrictEqual(await engine.written(), []);
      });
    }
  });
}
