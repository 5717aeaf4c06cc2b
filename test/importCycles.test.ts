/**
 * No import cycle in src/: every arrow, type-only ones included, runs one way, so any module can be
 * read (and moved) after the ones it imports.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importCycles, importGraph } from './helpers/importGraph';

const SRC = path.resolve(__dirname, '..', 'src');

describe('Import graph of src/', () => {
  it('has no cycle, counting type-only imports', () => {
    const graph = importGraph(SRC);
    assert.ok(graph.size > 100, `the walk found the sources (${graph.size} files)`);
    const cycles = importCycles(graph).map((cycle) => cycle.map((file) => path.relative(SRC, file)).join(' → '));
    assert.deepEqual(cycles, [], `import cycles in src/:\n${cycles.join('\n')}`);
  });

  describe('the check itself', () => {
    let dir: string;
    beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'ppa-import-graph-'))));
    afterEach(async () => rm(dir, { recursive: true, force: true }));

    const files = async (sources: Record<string, string>): Promise<void> => {
      for (const [name, text] of Object.entries(sources)) await writeFile(path.join(dir, name), text);
    };
    const cyclesIn = (): string[][] => importCycles(importGraph(dir)).map((cycle) => cycle.map((file) => path.basename(file)));

    it('finds a cycle closed by a type-only import', async () => {
      await files({ 'a.ts': "import { b } from './b';\nexport const a = b;\n", 'b.ts': "import type { A } from './c';\nexport const b = 1 as unknown as A;\n", 'c.ts': "import type { a } from './a';\nexport type A = typeof a;\n" });
      assert.deepEqual(cyclesIn(), [['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    });

    it('finds cycles through re-exports, inline import types and dynamic imports', async () => {
      await files({
        'reexport.ts': "export { x } from './inline';\n",
        'inline.ts': "export const x = 1;\nexport type R = import('./reexport').Y;\n",
        'dynamic.ts': "export async function f(): Promise<unknown> { return import('./self'); }\n",
        'self.ts': "export const s = require('./dynamic') as unknown;\n",
      });
      assert.deepEqual(cyclesIn().map((cycle) => cycle.join(' ')).sort(), ['dynamic.ts self.ts dynamic.ts', 'inline.ts reexport.ts inline.ts']);
    });

    it('finds none where the arrows run one way, and ignores packages and Node', async () => {
      await files({ 'a.ts': "import { b } from './b';\nimport type { Server } from 'node:http';\nexport const a: Server | number = b;\n", 'b.ts': "import { z } from 'zod';\nexport const b = z.number().parse(1);\n" });
      assert.deepEqual(importGraph(dir).get(path.join(dir, 'a.ts')), [path.join(dir, 'b.ts')]);
      assert.deepEqual(cyclesIn(), []);
    });
  });
});
