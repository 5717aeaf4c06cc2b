/** The Teams manifest and its Chinese localization: schema-valid offline, and saying the same things. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackagedManifest } from '../../scripts/packageTeamsApp';
import { MANIFEST_DIR, commandListProblems, fillPlaceholders, schemaErrors } from '../../scripts/packageTeamsApp';

const APP_ID = '6f1c2a9e-3b7d-4c51-9a0e-2d8b7f4e1c35';
const BOT_ID = 'b2d4e6f8-1a3c-4e5f-8a7b-9c0d1e2f3a4b';

interface Command {
  title: string;
  description: string;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(MANIFEST_DIR, file), 'utf8')) as unknown;
}

const template = readJson('manifest.json') as Record<string, unknown> & PackagedManifest;
const zhCn = readJson('zh-cn.json') as Record<string, string>;
const values = { TEAMS_APP_ID: APP_ID, MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'ppa.example.cn' };
const manifest = fillPlaceholders(template, values, 'manifest.json');
const englishCommands: Command[] = template.bots?.[0]?.commandLists?.[0]?.commands ?? [];

/** The Chinese command list, rebuilt from the localization file's JSON-path keys. */
function chineseCommands(): Command[] {
  return englishCommands.map((_command, index) => ({
    title: zhCn[`bots[0].commandLists[0].commands[${index}].title`] ?? '',
    description: zhCn[`bots[0].commandLists[0].commands[${index}].description`] ?? '',
  }));
}

describe('Teams manifest', () => {
  it('keeps the app id and bot id as placeholders in the template', () => {
    assert.equal(template.id, '${{TEAMS_APP_ID}}');
    assert.deepEqual(
      template.bots?.map((bot) => (bot as { botId?: unknown }).botId),
      ['${{MicrosoftAppId}}'],
    );
  });

  it('is valid against its bundled schema once the placeholders are GUIDs', async () => {
    assert.deepEqual(await schemaErrors(manifest, 'manifest.json'), []);
  });

  it('fails validation with the placeholders left in, so a forgotten substitution cannot ship', async () => {
    const errors = await schemaErrors(template, 'manifest.json');
    assert.ok(errors.some((error) => error.includes('/id')), errors.join('\n'));
  });

  it('offers the bot in personal scope only, without files', () => {
    const bot = template.bots?.[0] as { scopes?: unknown; supportsFiles?: unknown; commandLists?: { scopes: unknown }[] };
    assert.deepEqual(bot.scopes, ['personal']);
    assert.equal(bot.supportsFiles, false);
    assert.deepEqual(bot.commandLists?.map((list) => list.scopes), [['personal']]);
  });

  it('lists the twelve commands the bot understands, in English', () => {
    assert.deepEqual(
      englishCommands.map((command) => command.title),
      ['menu', 'help', 'contact', 'accounts', 'offers', 'records', 'export', 'language', 'privacy', 'receipts', 'wechat', 'cancel'],
    );
    for (const command of englishCommands) assert.ok(command.description.length > 0, command.title);
  });

  it('points zh-cn at the localization file, using the same schema version', () => {
    assert.deepEqual(template.localizationInfo?.additionalLanguages, [{ languageTag: 'zh-cn', file: 'zh-cn.json' }]);
    assert.equal(template.localizationInfo?.defaultLanguageTag, 'en-us');
    const version = /\/(v1\.\d+)\//.exec(String(template.$schema))?.[1];
    assert.ok(version);
    assert.ok(zhCn.$schema?.includes(`/${version}/MicrosoftTeams.Localization.schema.json`), zhCn.$schema);
  });
});

describe('zh-cn localization', () => {
  it('is valid against its bundled localization schema', async () => {
    assert.deepEqual(await schemaErrors(zhCn, 'zh-cn.json'), []);
  });

  it('translates exactly the manifest commands, no more and no fewer', () => {
    assert.deepEqual(commandListProblems(template, zhCn, 'zh-cn.json'), []);
    assert.equal(chineseCommands().length, englishCommands.length);
  });

  it('gives every command a distinct Chinese title and a Chinese description', () => {
    const commands = chineseCommands();
    assert.deepEqual(
      commands.map((command) => command.title),
      ['菜单', '帮助', '联系信息', '账号', '产品', '申请记录', '导出', '语言', '隐私', '删除回执', '微信绑定', '取消'],
    );
    for (const command of commands) assert.match(command.description, /\p{Script=Han}/u, command.title);
  });

  it('translates the name and both descriptions', () => {
    for (const key of ['name.short', 'name.full', 'description.short', 'description.full']) {
      assert.match(zhCn[key] ?? '', /\p{Script=Han}/u, key);
    }
  });
});
