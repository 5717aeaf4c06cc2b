import assert from 'node:assert/strict';
import { CardFactory } from 'botbuilder';
import { cardAttachment, renderCard } from '../../src/cards/adaptiveCard';
import type { AdaptiveCard } from '../../src/cards/adaptiveCard';
import { clientRegex } from '../../src/cards/formInputs';
import { OwnText, type View as ViewWith } from '../../src/views/view';

// The renderer carries any verb: these views use made-up ones.
type View = ViewWith<string>;
import * as samples from './sampleViews';

// What each part of a view becomes. Validity against the SDK and Teams' rules: cardValidity.test.ts.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Every object with a `type` (elements, actions, the card itself), depth first. */
function typedObjects(value: Json): JsonObject[] {
  if (Array.isArray(value)) return value.flatMap(typedObjects);
  if (value === null || typeof value !== 'object') return [];
  const children = Object.values(value).flatMap(typedObjects);
  return typeof value.type === 'string' ? [value, ...children] : children;
}

function ofType(card: AdaptiveCard, type: string | RegExp): JsonObject[] {
  const all = typedObjects(JSON.parse(JSON.stringify(card)) as JsonObject);
  return all.filter((element) => typeof element.type === 'string' && (typeof type === 'string' ? element.type === type : type.test(element.type)));
}

describe('renderCard', () => {
  it('is an Adaptive Card 1.5 with its schema', () => {
    const card = renderCard(samples.helpZh);
    assert.equal(card.type, 'AdaptiveCard');
    assert.equal(card.version, '1.5');
    assert.equal(card.$schema, 'http://adaptivecards.io/schemas/adaptive-card.json');
  });

  it('uses the full chat width for a form or a table (facts, a list), and the default bubble otherwise', () => {
    const form: View = { title: 'Edit', form: { fields: [{ name: 'a', label: 'A', kind: 'text' }], submit: { verb: 'x.save', title: 'Save' } } };
    const facts: View = { title: 'Facts', facts: [{ label: 'Name', value: '王' }] };
    const list: View = { title: 'List', sections: [{ heading: 'One', facts: [] }] };
    const plain: View = { title: 'Menu', paragraphs: ['Choose'], actions: [{ verb: 'menu', title: 'Menu' }] };
    for (const [name, view] of [['form', form], ['facts', facts], ['list', list]] as const) assert.deepEqual(renderCard(view).msteams, { width: 'Full' }, name);
    assert.equal(renderCard(plain).msteams, undefined);
  });

  it('asks Teams to refresh a view that holds no input (Universal Actions), and never a form', () => {
    const refresh = { verb: 'offer.list', title: 'Offers', data: { page: 2 } };
    assert.deepEqual(renderCard({ title: 'Offers', refresh }).refresh, { action: { type: 'Action.Execute', verb: 'offer.list', data: { page: 2, verb: 'offer.list' } } });
    const form: View = { title: 'Edit', refresh, form: { fields: [{ name: 'n', label: 'Name', kind: 'text' }], submit: { verb: 'contact.save', title: 'Save' } } };
    assert.equal(renderCard(form).refresh, undefined, 'a refreshed form would lose what was typed');
    assert.equal(renderCard({ title: 'Menu' }).refresh, undefined);
  });

  it('shows a link as an Action.OpenUrl button with its address', () => {
    const card = renderCard({ title: 'Export', links: [{ title: 'Download', url: 'https://bot.example.cn/exports/abc' }] });
    assert.deepEqual(ofType(card, 'Action.OpenUrl'), [{ type: 'Action.OpenUrl', title: 'Download', url: 'https://bot.example.cn/exports/abc' }]);
  });

  it('is pure: the same view gives the same card, and the view is left unchanged', () => {
    const before = JSON.stringify(samples.contactFormWithErrorsZh);
    assert.deepEqual(renderCard(samples.contactFormWithErrorsZh), renderCard(samples.contactFormWithErrorsZh));
    assert.equal(JSON.stringify(samples.contactFormWithErrorsZh), before);
  });

  it('shows the title large and bold, and the subtitle subtle, both wrapping', () => {
    const [title, subtitle] = renderCard(samples.mainMenuZh).body;
    assert.deepEqual(title, { type: 'TextBlock', text: '发布者隐私助手', wrap: true, style: 'heading', size: 'Large', weight: 'Bolder' });
    // The subtitle names the company, a stored value: a literal TextRun, never markdown.
    assert.deepEqual(subtitle, { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '代表：上海示例云计算有限公司', isSubtle: true }], spacing: 'None' });
  });

  it('shows own text as a markdown TextBlock and any other text as a literal TextRun', () => {
    const own = OwnText.of((key: string) => key, '**ours**');
    const card = renderCard({ title: own, paragraphs: [own, '[data](https://evil.example)'] });
    assert.deepEqual(card.body[1], { type: 'TextBlock', text: '**ours**', wrap: true });
    assert.deepEqual(card.body[2], { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '[data](https://evil.example)' }] });
  });

  it('keeps stored values out of own text: OwnText.of takes no string to interpolate', () => {
    const t = (key: string, options?: Record<string, unknown>): string => `${key}:${JSON.stringify(options ?? {})}`;
    // @ts-expect-error a string (a stored value) cannot be interpolated into own text
    OwnText.of(t, 'common.actingFor', { company: '[x](https://evil.example)' });
    assert.equal(OwnText.of(t, 'k', { n: 2, inner: OwnText.of(t, 'j') }).text, 'k:{"n":2,"inner":"j:{}"}');
  });

  describe('menu (buttons only)', () => {
    it('stacks more than three buttons one per row, so none is dropped or truncated', () => {
      const card = renderCard(samples.mainMenuEn);
      const sets = ofType(card, 'ActionSet');
      assert.equal(sets.length, 7);
      assert.ok(sets.every((set) => Array.isArray(set.actions) && set.actions.length === 1));
      assert.deepEqual(ofType(card, 'Action.Execute').map((action) => action.title), samples.mainMenuEn.actions?.map((a) => a.title));
    });

    it('keeps up to three buttons side by side in one row', () => {
      const sets = ofType(renderCard(samples.helpZh), 'ActionSet');
      assert.equal(sets.length, 1);
      assert.deepEqual(ofType(renderCard(samples.helpZh), 'Action.Execute').map((a) => a.title), ['返回主菜单', '隐私声明']);
    });

    it('makes every button an Action.Execute that sends no inputs and carries its verb in data', () => {
      const [contact] = ofType(renderCard(samples.mainMenuZh), 'Action.Execute');
      assert.deepEqual(contact, {
        type: 'Action.Execute', title: '联系信息', verb: 'contact.view', data: { verb: 'contact.view' }, associatedInputs: 'none', style: 'positive',
      });
    });
  });

  describe('facts and sections', () => {
    it('renders facts of own text as a FactSet of title/value', () => {
      const own = (text: string): OwnText => OwnText.of((key: string) => key, text);
      const [facts] = ofType(renderCard({ title: 't', facts: [{ label: own('Record'), value: own('Kept') }] }), 'FactSet');
      assert.deepEqual(facts?.facts, [{ title: 'Record', value: 'Kept' }]);
    });

    it('renders facts holding stored values as label/value rows of literal TextRuns (FactSet values are markdown)', () => {
      const card = renderCard(samples.deleteRecordConfirmEn);
      assert.equal(ofType(card, 'FactSet').length, 0);
      const rows = ofType(card, 'ColumnSet');
      assert.equal(rows.length, 2);
      assert.deepEqual(rows[0], {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 2, items: [{ type: 'TextBlock', text: 'Record', wrap: true, weight: 'Bolder' }] },
          { type: 'Column', width: 3, items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'REQ-2024-000123' }] }] },
        ],
      });
      assert.equal(rows[1]?.spacing, 'Small');
    });

    it('renders each section as a separated Container: bold heading, its facts, its own buttons', () => {
      const card = renderCard(samples.offersEn);
      const sections = card.body.filter((element) => element.type === 'Container' && element.separator === true);
      assert.equal(sections.length, 2);
      const items = sections[0]?.type === 'Container' ? sections[0].items : [];
      const [heading, facts] = items;
      const buttons = items.at(-1);
      assert.deepEqual(heading, { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Contoso Backup', weight: 'Bolder' }] });
      assert.equal(facts?.type, 'ColumnSet');
      assert.deepEqual(buttons, {
        type: 'ActionSet',
        actions: [
          { type: 'Action.Execute', title: 'Edit', verb: 'offer.edit', data: { offerId: 'contoso-backup', verb: 'offer.edit' }, associatedInputs: 'none' },
          { type: 'Action.Execute', title: 'Delete', verb: 'offer.delete', data: { offerId: 'contoso-backup', verb: 'offer.delete' }, associatedInputs: 'none', style: 'destructive' },
        ],
      });
    });

    it('omits an empty FactSet and keeps non-string data such as a page number', () => {
      const secondSection = renderCard(samples.offersEn).body.filter((element) => element.type === 'Container' && element.separator === true)[1];
      assert.ok(secondSection?.type === 'Container');
      assert.deepEqual(secondSection.items.map((item) => item.type), ['RichTextBlock', 'ActionSet']);
      const [button] = secondSection.items[1]?.type === 'ActionSet' ? secondSection.items[1].actions : [];
      assert.deepEqual(button && 'data' in button ? button.data : undefined, { offerId: 'contoso-monitoring', page: 1, verb: 'offer.edit' });
    });

    it('keeps the view verb when the action data also has a `verb` key', () => {
      const card = renderCard({ title: 't', actions: [{ verb: 'records.list', title: 'List', data: { verb: 'admin.wipe', page: 2 } }] });
      assert.deepEqual(ofType(card, 'Action.Execute')[0]?.data, { verb: 'records.list', page: 2 });
    });
  });

  describe('notices', () => {
    const styles = { good: 'good', attention: 'attention', warning: 'warning', default: 'emphasis' } as const;
    for (const [tone, style] of Object.entries(styles)) {
      it(`puts the ${tone} notice in a Container styled ${style} right under the header`, () => {
        const view: View = { title: '标题', subtitle: '副标题', notice: { tone: tone as keyof typeof styles, text: '状态：已保存。' }, paragraphs: ['正文'] };
        const card = renderCard(view);
        assert.deepEqual(card.body[2], { type: 'Container', style, items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '状态：已保存。' }] }] });
      });
    }
  });

  describe('forms', () => {
    const inputs = (view: View): JsonObject[] => ofType(renderCard(view), /^Input\./);

    it('renders each field kind as the matching input, with its label and hints', () => {
      assert.deepEqual(inputs(samples.contactFormZh), [
        { type: 'Input.Text', id: 'company', label: '公司名称', value: '上海示例云计算有限公司', isRequired: true, errorMessage: '请输入公司名称（最多 100 个字符）。', maxLength: 100 },
        { type: 'Input.Text', id: 'email', label: '电子邮件', placeholder: 'name@example.cn', isRequired: true, errorMessage: '请输入有效的电子邮件地址。', regex: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 254, style: 'Email' },
        { type: 'Input.Text', id: 'phone', label: '电话', placeholder: '例如 138 0013 8000 或 021-6888 8888', errorMessage: '请输入有效的电话号码。', regex: '^[+0-9 ()#-]{5,30}(?:转\\d{1,6})?$', style: 'Tel' },
        { type: 'Input.ChoiceSet', id: 'role', label: '联系人类型', style: 'compact', value: 'business', isRequired: true, errorMessage: '请选择联系人类型。', choices: [
          { title: '商务联系人', value: 'business' },
          { title: '技术联系人', value: 'technical' },
        ] },
        { type: 'Input.Text', id: 'note', label: '备注', placeholder: '可选', maxLength: 500, isMultiline: true },
      ]);
    });

    it('sends inputs with the submit button only; Cancel neither sends nor is blocked by required fields', () => {
      const [submit, cancel] = ofType(renderCard(samples.contactFormZh), 'Action.Execute');
      assert.deepEqual(submit, { type: 'Action.Execute', title: '提交', verb: 'contact.save', data: { verb: 'contact.save' }, associatedInputs: 'auto', style: 'positive' });
      assert.equal(cancel?.associatedInputs, 'none');
      assert.equal(cancel?.verb, 'contact.view');
    });

    it('puts the inputs after the content and the buttons last', () => {
      const types = renderCard(samples.addAadUserEn).body.map((element) => element.type);
      assert.deepEqual(types, ['TextBlock', 'Container', 'Input.Text', 'RichTextBlock', 'Input.Text', 'ActionSet']);
    });

    it("shows the server's error in attention colour right under the refused field", () => {
      const body = renderCard(samples.contactFormWithErrorsZh).body;
      const errorUnder = (id: string) => body[body.findIndex((element) => 'id' in element && element.id === id) + 1];
      const attention = (text: string) => ({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, color: 'Attention', size: 'Small' }], spacing: 'None' });
      assert.deepEqual(errorUnder('email'), attention('电子邮件地址不完整：缺少顶级域名。'));
      assert.deepEqual(errorUnder('phone'), attention('请输入有效的电话号码。'));
      assert.equal(errorUnder('company')?.type, 'Input.Text', 'a valid field gets no error line');
      assert.equal(body.filter((element) => element.type === 'RichTextBlock' && element.inlines[0]?.color === 'Attention').length, 2);
    });

    it('keeps the refused value in the field so the user can correct it', () => {
      const email = inputs(samples.contactFormWithErrorsZh).find((input) => input.id === 'email');
      assert.equal(email?.value, 'hanmeimei@example');
    });

    it('refuses field names that would overwrite the verb or the submit data, or repeat', () => {
      const form = (names: string[]): View => ({
        title: 't',
        form: { fields: names.map((name) => ({ name, label: name, kind: 'text' })), submit: { verb: 's', title: 'Save', data: { offerId: 'o1' } } },
      });
      assert.throws(() => renderCard(form(['verb'])), /verb/);
      assert.throws(() => renderCard(form(['offerId'])), /offerId/);
      assert.throws(() => renderCard(form(['name', 'name'])), /name/);
      assert.throws(() => renderCard(form([''])), /empty/);
      assert.doesNotThrow(() => renderCard(form(['name', 'phone'])));
    });
  });

  describe('client-side patterns', () => {
    it('passes a pattern every client can run', () => {
      assert.equal(clientRegex('^[1-9]\\d{4,10}$'), '^[1-9]\\d{4,10}$');
    });

    it('drops a pattern that needs the u flag, which Teams does not set, or that does not compile', () => {
      assert.equal(clientRegex('^@?[\\p{Script=Han}A-Za-z0-9_-]{4,30}$'), undefined);
      assert.equal(clientRegex('^\\u{1F600}$'), undefined);
      assert.equal(clientRegex('(unclosed'), undefined);
      assert.equal(clientRegex(''), undefined);
    });
  });
});

describe('cardAttachment', () => {
  it('wraps a card exactly as botbuilder’s CardFactory does', () => {
    const card = renderCard(samples.erasureReceiptZh);
    assert.deepEqual(cardAttachment(card), CardFactory.adaptiveCard(card));
    assert.equal(cardAttachment(card).contentType, 'application/vnd.microsoft.card.adaptive');
  });
});
