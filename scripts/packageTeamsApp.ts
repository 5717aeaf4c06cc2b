/**
 * Builds the Teams app package: fills the manifest's `${{VAR}}` placeholders from the environment,
 * validates every JSON file offline against the schemas bundled with @microsoft/app-manifest, and
 * zips manifest, localization files and icons into appPackage/publisher-privacy-assistant.zip.
 *
 *   MicrosoftAppId=<bot app id> [TEAMS_APP_ID=<guid>] [BOT_DOMAIN=bot.example.cn] npm run package [-- --out <zip>]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { AppManifestUtils } from '@microsoft/app-manifest';
import type { AppManifest } from '@microsoft/app-manifest';
import { zipSync } from 'fflate';
import { PACKAGE_ROOT } from '../src/packageRoot';

// From the package root, so the compiled script (dist/scripts/) finds the same folders as the source.
export const MANIFEST_DIR = resolve(PACKAGE_ROOT, 'manifest');
export const DEFAULT_OUTPUT = resolve(PACKAGE_ROOT, 'appPackage', 'publisher-privacy-assistant.zip');

const GUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const HOST_NAME = /^(?=.{1,253}$)(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const PLACEHOLDER = /\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/** A problem the person packaging can fix; printed without a stack trace. */
export class PackageError extends Error {}

/** Placeholder values; `undefined` marks an optional variable that is not set. */
export type PlaceholderValues = Readonly<Record<string, string | undefined>>;

/** The parts of a manifest this script reads; the schema has already checked their shape. */
export interface PackagedManifest {
  icons: { color: string; outline: string };
  localizationInfo?: { defaultLanguageTag: string; additionalLanguages?: { languageTag: string; file: string }[] };
  bots?: { commandLists?: { commands: { title: string; description: string }[] }[] }[];
}

/** Reads the placeholder values from the environment; throws naming the variable that is missing or wrong. */
export function placeholderValues(env: NodeJS.ProcessEnv): PlaceholderValues {
  const botId = env.MicrosoftAppId?.trim();
  if (!botId) throw new PackageError('MicrosoftAppId is not set: set it to the bot\'s Microsoft App ID (a GUID).');
  if (!GUID.test(botId)) throw new PackageError(`MicrosoftAppId must be a GUID, got "${botId}".`);
  const appId = env.TEAMS_APP_ID?.trim() || botId;
  if (!GUID.test(appId)) throw new PackageError(`TEAMS_APP_ID must be a GUID, got "${appId}".`);
  const botDomain = env.BOT_DOMAIN?.trim() || undefined;
  if (botDomain !== undefined && !HOST_NAME.test(botDomain)) {
    throw new PackageError(`BOT_DOMAIN must be a host name such as bot.example.cn (no https://, port or path), got "${botDomain}".`);
  }
  return { MicrosoftAppId: botId, TEAMS_APP_ID: appId, BOT_DOMAIN: botDomain };
}

/**
 * Replaces placeholders in every string of a parsed JSON document. Substituting after parsing keeps a
 * value from breaking the JSON; an array item that is only an unset optional placeholder is dropped.
 */
export function fillPlaceholders(document: unknown, values: PlaceholderValues, file: string): unknown {
  const fill = (text: string): string =>
    text.replace(PLACEHOLDER, (_match, name: string) => {
      if (!(name in values)) throw new PackageError(`${file} uses \${{${name}}}, which this script does not know.`);
      const value = values[name];
      if (value === undefined) throw new PackageError(`${file} needs ${name}, which is not set.`);
      return value;
    });
  const isUnsetPlaceholder = (item: unknown): boolean => {
    const name = typeof item === 'string' ? /^\$\{\{([A-Za-z0-9_]+)\}\}$/.exec(item)?.[1] : undefined;
    return name !== undefined && name in values && values[name] === undefined;
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return fill(node);
    if (Array.isArray(node)) return node.filter((item) => !isUnsetPlaceholder(item)).map(walk);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]));
    }
    return node;
  };
  return walk(document);
}

/** Schema errors for a manifest or localization file, checked against the schema its `$schema` names. */
export async function schemaErrors(document: unknown, file: string): Promise<string[]> {
  const schemaUrl = typeof document === 'object' && document !== null && '$schema' in document ? document.$schema : undefined;
  if (typeof schemaUrl !== 'string') return [`${file}: no "$schema"`];
  const local = bundledSchemaPath(schemaUrl);
  // Without a bundled copy fetchSchema would go to the network; packaging must work offline.
  if (!local || !existsSync(local)) return [`${file}: schema ${schemaUrl} is not bundled with @microsoft/app-manifest`];
  const schema = await AppManifestUtils.fetchSchema(schemaUrl);
  const repaired = repairPatterns(schema) as typeof schema;
  // The validator only needs `$schema` and JSON; its type names manifests, not localization files.
  const errors = await AppManifestUtils.validateAgainstSchema(document as AppManifest, repaired);
  return errors.map((error) => `${file}: ${error.trim()}`);
}

/**
 * The localization schemas (every version) have patterns with an unescaped `]`, which ajv's
 * unicode regexes reject ("Lone quantifier brackets", MicrosoftDocs/msteams-docs#8858). Escaping it
 * keeps the meaning the pattern has without the `u` flag.
 */
function repairPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(repairPatterns);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([key, value]): [string, unknown] => {
      if (key === 'pattern' && typeof value === 'string') return [key, repairPattern(value)];
      if (key === 'patternProperties' && typeof value === 'object' && value !== null) {
        const entries = Object.entries(value as Record<string, unknown>);
        return [key, Object.fromEntries(entries.map(([pattern, item]) => [repairPattern(pattern), repairPatterns(item)]))];
      }
      return [key, repairPatterns(value)];
    }),
  );
}

function repairPattern(pattern: string): string {
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    let out = '';
    let inClass = false;
    for (let i = 0; i < pattern.length; i++) {
      const char = pattern[i]!;
      if (char === '\\') out += char + (pattern[++i] ?? '');
      else if (char === ']' && !inClass) out += '\\]';
      else out += char;
      if (char === '[') inClass = true;
      else if (char === ']') inClass = false;
    }
    return out;
  }
}

/** Where @microsoft/app-manifest keeps its copy of a developer.microsoft.com schema URL. */
function bundledSchemaPath(schemaUrl: string): string | undefined {
  const url = URL.canParse(schemaUrl) ? new URL(schemaUrl) : undefined;
  if (url?.hostname !== 'developer.microsoft.com') return undefined;
  // Microsoft publishes the same schema with and without a locale segment (/en-us/json-schemas/…).
  const path = /^(?:\/[a-z]{2}-[a-z]{2})?(\/json-schemas\/teams\/[^?#]+)$/i.exec(url.pathname)?.[1];
  if (!path || path.includes('..')) return undefined;
  return join(dirname(require.resolve('@microsoft/app-manifest')), path);
}

/** Localization files whose command list does not match the manifest's, one problem per line. */
export function commandListProblems(manifest: PackagedManifest, localization: Record<string, unknown>, file: string): string[] {
  const expected = new Set<string>();
  manifest.bots?.[0]?.commandLists?.forEach((list, listIndex) =>
    list.commands.forEach((_command, index) => {
      for (const field of ['title', 'description']) expected.add(`bots[0].commandLists[${listIndex}].commands[${index}].${field}`);
    }),
  );
  const present = new Set(Object.keys(localization).filter((key) => key.startsWith('bots[')));
  const missing = [...expected].filter((key) => !present.has(key)).map((key) => `${file}: missing "${key}"`);
  const extra = [...present].filter((key) => !expected.has(key)).map((key) => `${file}: "${key}" has no command in manifest.json`);
  return [...missing, ...extra];
}

/** Every file of the package, by its name at the zip root, after substitution and validation. */
export async function buildPackageFiles(values: PlaceholderValues): Promise<Record<string, Uint8Array>> {
  const manifestDocument = fillPlaceholders(readJson('manifest.json'), values, 'manifest.json');
  const problems = await schemaErrors(manifestDocument, 'manifest.json');
  if (problems.length > 0) throw new ValidationFailed(problems);
  const manifest = manifestDocument as PackagedManifest;

  const files: Record<string, Uint8Array> = { 'manifest.json': jsonBytes(manifestDocument) };
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const localization = fillPlaceholders(readJson(file), values, file) as Record<string, unknown>;
    problems.push(...(await schemaErrors(localization, file)), ...commandListProblems(manifest, localization, file));
    files[file] = jsonBytes(localization);
  }
  for (const icon of [manifest.icons.color, manifest.icons.outline]) files[icon] = readPackageFile(icon);
  if (problems.length > 0) throw new ValidationFailed(problems);
  return files;
}

/** The manifest failed validation; `problems` holds one line per schema or consistency error. */
export class ValidationFailed extends PackageError {
  constructor(readonly problems: string[]) {
    super(`The app package is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}).`);
  }
}

function readJson(file: string): unknown {
  const text = new TextDecoder().decode(readPackageFile(file));
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PackageError(`manifest/${file} is not valid JSON: ${(error as Error).message}`);
  }
}

// Files are referenced from the manifest; Teams expects them at the package root, next to it.
function readPackageFile(file: string): Uint8Array {
  if (basename(file) !== file) throw new PackageError(`${file}: package files must sit next to manifest.json (no folders).`);
  const path = join(MANIFEST_DIR, file);
  if (!existsSync(path)) throw new PackageError(`manifest/${file} is referenced by the manifest but does not exist.`);
  return readFileSync(path);
}

function jsonBytes(document: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`);
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({ options: { out: { type: 'string' } } });
  const output = resolve(args.out ?? DEFAULT_OUTPUT);
  const values = placeholderValues(process.env);
  const files = await buildPackageFiles(values);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, zipSync(files, { level: 9 }));
  const shown = output.startsWith(process.cwd() + sep) ? relative(process.cwd(), output) : output;
  console.log(`Wrote ${shown}: ${Object.keys(files).join(', ')}`);
  const domain = values.BOT_DOMAIN ?? '(none)';
  console.log(`  Teams app id ${values.TEAMS_APP_ID}, bot id ${values.MicrosoftAppId}, valid domain ${domain}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    if (!(error instanceof PackageError)) throw error;
    console.error(error.message);
    if (error instanceof ValidationFailed) for (const problem of error.problems) console.error(`  ${problem}`);
    process.exitCode = 1;
  });
}
