/**
 * The folder holding this package's package.json, whether the code runs as TypeScript from src/,
 * compiled from dist/src/, or installed under node_modules: assets (locales, manifest) are found
 * from there rather than from a fixed number of `..` that differs between those layouts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const PACKAGE_NAME = 'publisher-privacy-assistant';

/** Walks up from `start` to the first package.json that names this package; throws if there is none. */
export function findPackageRoot(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json named ${PACKAGE_NAME} above ${start}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot();
