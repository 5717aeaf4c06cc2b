import assert from 'node:assert/strict';
import { translator } from '../../src/i18n';
import { COMMANDS, isDestructive, isVerb, MENU_ENTRIES, TASK_LIST, taskOf, type Verb } from '../../src/tasks/registry';
import { renderText } from '../../src/wechat/textView';
import { helpView, mainMenuView } from '../../src/views/menuViews';
import { OwnText } from '../../src/views/view';

describe('task registry', () => {
  const allVerbs = TASK_LIST.flatMap((task) => Object.keys(task.verbs)) as Verb[];

  it('gives every verb to exactly one task', () => {
    assert.equal(new Set(allVerbs).size, allVerbs.length);
    for (const verb of allVerbs) assert.ok(TASK_LIST.includes(taskOf(verb)));
  });

  it('marks exactly the final deletions destructive', () => {
    assert.deepEqual(allVerbs.filter(isDestructive).sort(), ['account.remove.execute', 'contact.remove.execute', 'offer.delete.execute', 'record.delete.execute']);
  });

  it('knows only its own verbs: a forged or misspelled one is not a verb', () => {
    for (const forged of ['offer.delete.executeX', 'admin.wipe', '', 'constructor', '__proto__', 42, null]) assert.equal(isVerb(forged), false, String(forged));
    for (const verb of allVerbs) assert.equal(isVerb(verb), true, verb);
  });

  it('derives the menu and the help from the registry, in both languages', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const t = translator(locale);
      const menu = mainMenuView(t, 'Contoso', true);
      assert.deepEqual(menu.actions?.map((action) => action.verb), MENU_ENTRIES.map((entry) => entry.verb));
      assert.deepEqual(mainMenuView(t, 'Contoso', false).actions?.map((a) => a.verb), MENU_ENTRIES.filter((e) => !e.onlyWithSeveralPublishers).map((e) => e.verb));
      // Help labels are the bot's own text (OwnText): compare what they say. Unbinding (a link word, not a task) comes last.
      assert.deepEqual(helpView(t).facts?.map((fact) => (fact.label instanceof OwnText ? fact.label.text : fact.label)), [...COMMANDS.map(({ name }) => t(`commands.${name}.example`)), t('help.unbindLabel')]);
    }
  });

  it('WeChat asks for the confirmation word for a destructive verb, whatever its style', () => {
    const t = translator('zh-CN');
    const rendered = renderText({ title: 'x', actions: [{ verb: 'offer.delete.execute', title: '删除' }, { verb: 'offer.delete', title: '删除?', style: 'destructive' }] }, t);
    assert.equal(rendered.confirmation?.verb, 'offer.delete.execute');
    assert.deepEqual(rendered.choices.map((choice) => choice.verb), ['offer.delete']);
  });
});
