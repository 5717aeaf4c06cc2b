/**
 * The import graph of a source folder, read with the TypeScript compiler API (syntax only, no type
 * check): every `import`, `import type`, `export … from`, `import x = require()`, `import()` and
 * `import('…').T` counts, since a type-only arrow is still an arrow a reader has to follow. Arrows
 * to files outside the folder (packages, Node) are left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** File → the files of the same folder it imports (absolute paths). */
export type ImportGraph = Map<string, string[]>;

const RESOLUTION: ts.CompilerOptions = { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, allowJs: false };

/** Every module specifier written in a source file, whatever kind of import or re-export names it. */
export function moduleSpecifiers(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined): void => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) literal(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The graph of the `.ts` files under `root` (recursively). */
export function importGraph(root: string): ImportGraph {
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const inside = new Set(files);
  const cache = ts.createModuleResolutionCache(root, (name) => name, RESOLUTION);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const targets = moduleSpecifiers(file, readFileSync(file, 'utf8'))
      // Only a relative specifier can name a file of the folder (the project maps no paths).
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => ts.resolveModuleName(specifier, file, RESOLUTION, ts.sys, cache).resolvedModule?.resolvedFileName)
      .filter((target): target is string => target !== undefined && inside.has(path.resolve(target)))
      .map((target) => path.resolve(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every elementary cycle a depth-first walk meets, each as the files in import order (the first repeated at the end). */
export function importCycles(graph: ImportGraph): string[][] {
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const walk = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') {
        const cycle = stack.slice(stack.indexOf(target));
        // One entry per cycle, whichever file the walk entered it by.
        const key = [...cycle].sort().join('\n');
        if (!cycles.has(key)) cycles.set(key, [...cycle, target]);
      } else if (!state.has(target)) walk(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) walk(file);
  return [...cycles.values()];
}
