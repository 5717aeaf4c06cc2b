import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import type { CommandName } from '../src/dialogs/turnInput';
import { MENU_ENTRIES } from '../src/tasks/registry';
import type { AadRole, OfferKind } from '../src/domain/publisher';
import type { PrivacyErrorCode } from '../src/service/errors';
import type { ErasureCategory } from '../src/service/receipts';
import { AUDIT_ACTION_KEYS, HELD_DATA, RIGHTS } from '../src/views/privacyViews';
import { CONTACT_FIELDS as CONTACT_FIELD_SPECS, CUSTOMER_SERVICE_FIELDS, fieldNames } from '../src/domain/fieldSpecs';
import { PAGE_KINDS } from '../src/signin/signinPage';

const ROOT = join(__dirname, '..');
const LOCALES = ['en-US', 'zh-CN'] as const;
type Locale = (typeof LOCALES)[number];

// ---------------------------------------------------------------------------------------------
// Locale files

interface Flattened {
  strings: Map<string, string>;
  /** Leaves that are not strings (numbers, null, arrays): i18next would not show them as text. */
  nonStrings: string[];
}

function flatten(value: unknown, prefix = '', into: Flattened = { strings: new Map(), nonStrings: [] }): Flattened {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else if (typeof value === 'string') {
    into.strings.set(prefix, value);
  } else {
    into.nonStrings.push(prefix);
  }
  return into;
}

const FILES = Object.fromEntries(
  LOCALES.map((locale) => [locale, flatten(JSON.parse(readFileSync(join(ROOT, 'locales', locale, 'translation.json'), 'utf8')))]),
) as Record<Locale, Flattened>;
const STRINGS: Record<Locale, Map<string, string>> = { 'en-US': FILES['en-US'].strings, 'zh-CN': FILES['zh-CN'].strings };

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Whether `t(key)` finds a string in `locale`: the key itself, or its plural form for the language. */
function resolves(locale: Locale, key: string): boolean {
  const strings = STRINGS[locale];
  if (strings.has(key)) return true;
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  return categories.every((category) => strings.has(`${key}_${category}`));
}

function interpolations(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((match) => match[1]!))].sort();
}

const HAN = /\p{Script=Han}/u;

/**
 * zh-CN strings that are rightly the same in every language: symbols and formats, and names that
 * are not translated. Keep this list small; every entry must still be a string without Han.
 */
const LANGUAGE_NEUTRAL = new Set([
  'common.none', // "—"
  'common.listSeparator', // "、": the Chinese enumeration comma (not a Han character)
  'offers.detailSubtitle', // "{{kind}} · {{id}}"
  'fields.qq', // "QQ", a product name
  'wechat.fact', // "{{label}}：{{value}}": only a full-width colon
  'wechat.formReviewLine', // "{{n}}. {{label}}：{{value}}": a numbered fact
  'contact.group', // "{{heading}}（{{name}}）": full-width parentheses
  'signin.page.teams', // "Teams", a product name
]);

describe('locales', () => {
  it('hold only strings (no numbers, nulls or arrays)', () => {
    for (const locale of LOCALES) assert.deepEqual(FILES[locale].nonStrings, [], `${locale} has non-string values`);
  });

  it('en-US and zh-CN have exactly the same keys', () => {
    const en = [...STRINGS['en-US'].keys()];
    const zh = [...STRINGS['zh-CN'].keys()];
    assert.deepEqual(
      { onlyInEnUS: en.filter((key) => !STRINGS['zh-CN'].has(key)), onlyInZhCN: zh.filter((key) => !STRINGS['en-US'].has(key)) },
      { onlyInEnUS: [], onlyInZhCN: [] },
    );
  });

  it('every plural key has each plural form both languages need', () => {
    const bases = new Set(LOCALES.flatMap((locale) => [...STRINGS[locale].keys()].filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, ''))));
    assert.ok(bases.has('offers.count'), 'offers.count should be a plural key');
    const missing = [...bases].flatMap((base) =>
      LOCALES.flatMap((locale) =>
        // English needs _one and _other; the parity test above makes Chinese carry the same keys.
        ['one', 'other', ...new Intl.PluralRules(locale).resolvedOptions().pluralCategories]
          .filter((category) => !STRINGS[locale].has(`${base}_${category}`))
          .map((category) => `${locale}: ${base}_${category}`),
      ),
    );
    assert.deepEqual([...new Set(missing)], []);
  });

  it('a plural key is never also a plain key (t would pick one of them silently)', () => {
    for (const locale of LOCALES) {
      const plain = [...STRINGS[locale].keys()].filter((key) => PLURAL_SUFFIX.test(key) && STRINGS[locale].has(key.replace(PLURAL_SUFFIX, '')));
      assert.deepEqual(plain, [], locale);
    }
  });

  it('have no empty or blank strings', () => {
    for (const locale of LOCALES) {
      const blank = [...STRINGS[locale]].filter(([, text]) => text.trim() === '').map(([key]) => key);
      assert.deepEqual(blank, [], locale);
    }
  });

  it('use the same {{interpolation}} variables in both languages for every key', () => {
    const mismatched = [...STRINGS['en-US']]
      .filter(([key]) => STRINGS['zh-CN'].has(key))
      .map(([key, en]) => ({ key, en: interpolations(en), zh: interpolations(STRINGS['zh-CN'].get(key)!) }))
      .filter(({ en, zh }) => en.join() !== zh.join());
    assert.deepEqual(mismatched, []);
  });

  it('have balanced {{ }} in every string', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of STRINGS[locale]) {
        assert.equal(text.split('{{').length, text.split('}}').length, `${locale} ${key}: ${text}`);
      }
    }
  });

  it('zh-CN strings contain Chinese characters, except the listed language-neutral ones', () => {
    const withoutHan = [...STRINGS['zh-CN']].filter(([key, text]) => !LANGUAGE_NEUTRAL.has(key) && !HAN.test(text)).map(([key, text]) => `${key}: ${text}`);
    assert.deepEqual(withoutHan, []);
  });

  it('no typed command word starts two different commands, in either language', () => {
    const owners = new Map<string, Set<string>>();
    for (const [key, words] of LOCALES.flatMap((locale) => [...STRINGS[locale]])) {
      const command = /^commands\.([^.]+)\.words$/.exec(key)?.[1];
      if (command === undefined) continue;
      for (const word of words.split('|')) {
        const normalized = word.trim().toLowerCase();
        assert.notEqual(normalized, '', `${key} has an empty alternative`);
        owners.set(normalized, (owners.get(normalized) ?? new Set()).add(command));
      }
    }
    assert.deepEqual([...owners].filter(([, commands]) => commands.size > 1).map(([word, commands]) => `${word}: ${[...commands].join(', ')}`), []);
  });

  it('the language-neutral allow-list names existing zh-CN strings that really have no Chinese', () => {
    for (const key of LANGUAGE_NEUTRAL) {
      const text = STRINGS['zh-CN'].get(key);
      assert.ok(text !== undefined, `${key} is not in zh-CN`);
      assert.ok(!HAN.test(text), `${key} has Chinese now; remove it from LANGUAGE_NEUTRAL`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Keys the source code uses

/** Message keys the schemas and services pass around as data, not through `t('…')`. */
const MESSAGE_KEY = /^(?:validation|errors|warnings|cli)\.[A-Za-z0-9_-]+$/;
const MESSAGE_KEY_PREFIX = /^(?:validation|errors|warnings|cli)\./;

// Every member of the source's own unions, so a new one fails type-checking here until it is listed.
const COMMAND_NAMES = Object.keys({
  menu: 1,
  help: 1,
  cancel: 1,
  contact: 1,
  accounts: 1,
  offers: 1,
  records: 1,
  export: 1,
  language: 1,
  switch: 1,
  wechat: 1,
  privacy: 1,
  receipts: 1,
  audit: 1,
} satisfies Record<CommandName, 1>);
const ERROR_CODES = Object.keys({
  'E-FORBIDDEN': 1,
  'E-ADMIN-ONLY': 1,
  'E-NOT-FOUND': 1,
  'E-STALE': 1,
  'E-VALIDATION': 1,
  'E-LAST-ADMIN': 1,
  'E-LAST-ADMIN-ROLE': 1,
  'E-DUPLICATE': 1,
  'E-LAST-CONTACT': 1,
} satisfies Record<PrivacyErrorCode, 1>);
const ERASURE_CATEGORIES = Object.keys({
  offer: 1,
  customerService: 1,
  requestRecord: 1,
  aadAccount: 1,
  contact: 1,
  wechatBinding: 1,
  teamsLink: 1,
  publisher: 1,
} satisfies Record<ErasureCategory, 1>);
const ROLES = Object.keys({ admin: 1, member: 1 } satisfies Record<AadRole, 1>);
const OFFER_KINDS = Object.keys({ virtualMachine: 1, solutionTemplate: 1, service: 1 } satisfies Record<OfferKind, 1>);
// The field specs are the list: a new field needs its labels here without touching this test.
const CS_FIELDS = fieldNames(CUSTOMER_SERVICE_FIELDS);
const CONTACT_FIELDS: string[] = fieldNames(CONTACT_FIELD_SPECS);
/** Field names in the paths changeSummary describes (contact information changes). */
const CONTACT_INFO_PATH_NAMES = ['companyName', 'creditCode', 'contacts', ...CONTACT_FIELDS, 'aadAccounts', 'upn', 'displayName', 'role', 'offers', 'requestRecords'];

/**
 * Every key template built at run time, by its source text, with the keys it can produce.
 * A template that is not listed here fails the scan, so new dynamic keys get checked too.
 */
const DYNAMIC_KEYS: Record<string, string[]> = {
  'commands.${name}.words': COMMAND_NAMES.map((name) => `commands.${name}.words`),
  // menuViews: the label of each main-menu entry of the task registry
  'menu.${entry.label}': MENU_ENTRIES.map((entry) => `menu.${entry.label}`),
  'commands.${name}.example': COMMAND_NAMES.map((name) => `commands.${name}.example`),
  'commands.${name}.description': COMMAND_NAMES.map((name) => `commands.${name}.description`),
  'errors.${this.code}': ERROR_CODES.map((code) => `errors.${code}`),
  'receipt.categories.${item.category}': ERASURE_CATEGORIES.map((category) => `receipt.categories.${category}`),
  // exportView: what an export holds, per category
  'export.counts.${category}': ['contacts', 'aadAccounts', 'offers', 'requestRecords', 'wechatBindings', 'teamsLinks', 'auditEntries'].map((category) => `export.counts.${category}`),
  'roles.${account.role}': ROLES.map((role) => `roles.${role}`),
  'offerKinds.${offer.kind}': OFFER_KINDS.map((kind) => `offerKinds.${kind}`),
  'fields.cs.${field}': CS_FIELDS.map((field) => `fields.cs.${field}`),
  // contactViews: the label of each contact input
  'fields.${field}': CONTACT_FIELDS.map((field) => `fields.${field}`),
  // views/common describeField (it has a defaultValue, but an untranslated name would show in English)
  'fields.${name}': CONTACT_INFO_PATH_NAMES.map((name) => `fields.${name}`),
  'privacy.held.${key}.label': HELD_DATA.map((key) => `privacy.held.${key}.label`),
  'privacy.held.${key}.text': HELD_DATA.map((key) => `privacy.held.${key}.text`),
  'privacy.rights.${right}.label': RIGHTS.map((right) => `privacy.rights.${right}.label`),
  'privacy.rights.${right}.how': RIGHTS.map((right) => `privacy.rights.${right}.how`),
  // import: what a replacing file removes (erasedCategories never yields bindings or the publisher)
  'cli.removedCategory.${category}': ERASURE_CATEGORIES.filter((c) => c !== 'wechatBinding' && c !== 'teamsLink' && c !== 'publisher').map((c) => `cli.removedCategory.${c}`),
  'audit.actions.${actionKey(entry.action)}': AUDIT_ACTION_KEYS.map((key) => `audit.actions.${key}`),
  'signin.page.${page.kind}.title': PAGE_KINDS.map((kind) => `signin.page.${kind}.title`),
  'signin.page.${page.kind}.text': PAGE_KINDS.map((kind) => `signin.page.${kind}.text`),
};

/**
 * Arguments of t() that are neither literals nor templates, by source text. Each is fed from keys
 * this scan already checks: `notice(t, tone, key)` call sites, FieldError/PrivacyError messageKey
 * (validation.* literals and `errors.${this.code}`), ChangeResult.warnings (warnings.* literals), and
 * FieldSpec.message (validation.* literals in src/domain/fieldSpecs.ts).
 */
const FORWARDED_KEYS = new Set(['key', 'error.messageKey', 'usage.key', 'spec.message']);

interface KeyUse {
  key: string;
  where: string;
}

interface Scan {
  literal: KeyUse[];
  templates: KeyUse[];
  unknownArguments: KeyUse[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });
}

function templateText(node: ts.TemplateExpression): string {
  return node.getText().slice(1, -1);
}

function scanSource(): Scan {
  const scan: Scan = { literal: [], templates: [], unknownArguments: [] };
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const where = (node: ts.Node): string => `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

    const collectKey = (node: ts.Expression): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) scan.literal.push({ key: node.text, where: where(node) });
      else if (ts.isTemplateExpression(node)) scan.templates.push({ key: templateText(node), where: where(node) });
      else if (ts.isConditionalExpression(node)) [node.whenTrue, node.whenFalse].forEach(collectKey);
      else if (ts.isParenthesizedExpression(node)) collectKey(node.expression);
      else scan.unknownArguments.push({ key: node.getText(), where: where(node) });
    };

    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        // t('…'), turn.t('…'), task.t('…'), notice(t, tone, '…') and OwnText.of(t, '…')
        const ownText = name === 'of' && ts.isPropertyAccessExpression(callee) && callee.expression.getText() === 'OwnText';
        const keyArgument = name === 't' ? node.arguments[0] : name === 'notice' ? node.arguments[2] : ownText ? node.arguments[1] : undefined;
        if (keyArgument) collectKey(keyArgument);
      } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && MESSAGE_KEY.test(node.text)) {
        scan.literal.push({ key: node.text, where: where(node) });
      } else if (ts.isTemplateExpression(node) && MESSAGE_KEY_PREFIX.test(node.head.text)) {
        scan.templates.push({ key: templateText(node), where: where(node) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return scan;
}

describe('locales cover every key the source code uses', () => {
  const scan = scanSource();
  const uniqueTemplates = [...new Set(scan.templates.map((use) => use.key))];

  it('finds the keys the scan relies on (sanity check of the scanner)', () => {
    const literals = new Set(scan.literal.map((use) => use.key));
    for (const key of ['menu.title', 'validation.phone', 'validation.atLeastOneAdmin', 'warnings.creditCodeCheck', 'errors.E-NOT-FOUND', 'common.notUnderstood', 'accounts.removeSelfFinal']) {
      assert.ok(literals.has(key), `the scan should find ${key}`);
    }
    for (const template of ['commands.${name}.words', 'fields.cs.${field}', 'errors.${this.code}']) {
      assert.ok(uniqueTemplates.includes(template), `the scan should find ${template}`);
    }
  });

  it('every key template built at run time has its expansions listed in this test', () => {
    assert.deepEqual(
      scan.templates.filter((use) => !(use.key in DYNAMIC_KEYS)).map((use) => `${use.where} \`${use.key}\``),
      [],
      'list the keys these templates can produce in DYNAMIC_KEYS',
    );
  });

  it('every listed key template is still used somewhere', () => {
    assert.deepEqual(
      Object.keys(DYNAMIC_KEYS).filter((template) => !uniqueTemplates.includes(template)),
      [],
    );
  });

  it('t() is only given literals, templates, or keys forwarded from checked literals', () => {
    assert.deepEqual(
      scan.unknownArguments.filter((use) => !FORWARDED_KEYS.has(use.key)).map((use) => `${use.where} ${use.key}`),
      [],
    );
  });

  for (const locale of LOCALES) {
    it(`every literal key exists in ${locale}`, () => {
      const missing = [...new Set(scan.literal.filter((use) => !resolves(locale, use.key)).map((use) => `${use.key} (${use.where})`))];
      assert.deepEqual(missing, [], `keys used in src/ but missing from locales/${locale}/translation.json`);
    });

    it(`every expansion of a key template exists in ${locale}`, () => {
      const missing = Object.entries(DYNAMIC_KEYS).flatMap(([template, keys]) =>
        keys.filter((key) => !resolves(locale, key)).map((key) => `${key} (from \`${template}\`)`),
      );
      assert.deepEqual(missing, [], `keys built in src/ but missing from locales/${locale}/translation.json`);
    });
  }
});
