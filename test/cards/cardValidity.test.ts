import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type * as AdaptiveCardsSdk from 'adaptivecards';
import { renderCard } from '../../src/cards/adaptiveCard';
import type { View as ViewWith, ViewSection as ViewSectionWith } from '../../src/views/view';

// The renderer carries any verb: these views use made-up ones.
type View = ViewWith<string>;
type ViewSection = ViewSectionWith<string>;
import { sampleViews } from './sampleViews';

// The package's lib/ is extensionless ESM that plain Node cannot load; its UMD bundle parses and
// validates without any DOM (rendering would need one, and is not what these tests check).
const loadBundle = createRequire(__filename);
const sdk = loadBundle('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsSdk;

/** Every element and action type Adaptive Cards 1.5 defines; Teams ignores anything else. */
const TYPES_IN_1_5 = new Set([
  'AdaptiveCard', 'TextBlock', 'Image', 'Media', 'RichTextBlock', 'TextRun', 'Container', 'ColumnSet', 'Column',
  'FactSet', 'ImageSet', 'ActionSet', 'Table', 'TableRow', 'TableCell', 'Input.Text', 'Input.Number',
  'Input.Date', 'Input.Time', 'Input.Toggle', 'Input.ChoiceSet', 'Action.OpenUrl', 'Action.Submit',
  'Action.ShowCard', 'Action.ToggleVisibility', 'Action.Execute',
]);

/**
 * Teams refuses a message over 28 KB; a rendered page should leave room for the rest of the activity.
 * Facts holding stored values are label/value rows of literal TextRuns (no markdown), about 200 bytes
 * more per fact than a FactSet: 16 KB still leaves 12 KB for the rest.
 */
const PAGE_BUDGET_BYTES = 16 * 1024;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The card as plain JSON, as Teams receives it. */
function asJson(value: unknown): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/** Every object with a `type` (elements, actions, the card itself), depth first. */
function typedObjects(value: Json): JsonObject[] {
  if (Array.isArray(value)) return value.flatMap(typedObjects);
  if (value === null || typeof value !== 'object') return [];
  const children = Object.values(value).flatMap(typedObjects);
  return typeof value.type === 'string' ? [value, ...children] : children;
}

/** Parse errors and validation warnings from the Adaptive Cards SDK for version 1.5. */
function sdkProblems(card: JsonObject): string[] {
  const parsed = new sdk.AdaptiveCard();
  const context = new sdk.SerializationContext(sdk.Versions.v1_5);
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

/** What the SDK writes back after parsing: a property it does not know (e.g. misspelt) is missing. */
function sdkRoundTrip(card: JsonObject): Json {
  const parsed = new sdk.AdaptiveCard();
  parsed.parse(card, new sdk.SerializationContext(sdk.Versions.v1_5));
  return asJson(parsed.toJSON());
}

/** The card without the properties the SDK omits because they equal its defaults. */
function withoutSdkDefaults(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutSdkDefaults);
  if (value === null || typeof value !== 'object') return value;
  const copy: JsonObject = {};
  for (const [key, child] of Object.entries(value)) copy[key] = withoutSdkDefaults(child);
  if (copy.type === 'Input.ChoiceSet' && copy.style === 'compact') delete copy.style;
  // Teams' own card property (width): the host reads it, the SDK keeps no host properties.
  if (copy.type === 'AdaptiveCard') delete copy.msteams;
  return copy;
}

/** The rules Teams relies on that the lenient SDK does not check. */
function structuralProblems(card: JsonObject): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard' || card.version !== '1.5') problems.push('not an Adaptive Card 1.5');
  for (const element of typedObjects(card)) {
    const type = typeof element.type === 'string' ? element.type : '';
    const show = JSON.stringify(element);
    if (!TYPES_IN_1_5.has(type)) problems.push(`type outside 1.5: ${show}`);
    if (type.startsWith('Input.') && !(typeof element.label === 'string' && element.label.trim())) {
      problems.push(`input without a label: ${show}`);
    }
    if (type === 'TextBlock' && element.wrap !== true) problems.push(`TextBlock does not wrap: ${show}`);
    if (type === 'Action.Execute') {
      const data = element.data;
      const dataVerb = data !== null && typeof data === 'object' && !Array.isArray(data) ? data.verb : undefined;
      if (typeof element.verb !== 'string' || !element.verb || element.verb !== dataVerb) {
        problems.push(`Action.Execute verb differs from data.verb: ${show}`);
      }
    }
  }
  return problems;
}

function bytes(card: JsonObject): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

function offerSection(index: number): ViewSection {
  return {
    heading: `产品 ${index}：示例备份服务`,
    facts: [
      { label: '客服姓名', value: '韩梅梅' },
      { label: '电话', value: '+86 138 0013 8000' },
      { label: '电子邮件', value: 'support@example.cn' },
    ],
    actions: [
      { verb: 'offer.edit', title: '修改', data: { offerId: `offer-${index}` } },
      { verb: 'offer.delete', title: '删除', style: 'destructive', data: { offerId: `offer-${index}` } },
    ],
  };
}

const offersPage = (count: number): View => ({ title: '产品与客服信息', sections: Array.from({ length: count }, (_, i) => offerSection(i)) });

describe('card validity', () => {
  const views: Record<string, View> = { ...sampleViews, tenOffers: offersPage(10) };
  for (const [name, view] of Object.entries(views)) {
    describe(name, () => {
      const card = asJson(renderCard(view));

      it('parses for 1.5 in the Adaptive Cards SDK with no error or warning', () => {
        assert.deepEqual(sdkProblems(card), []);
      });

      it("keeps every property through the SDK's round trip (none unknown or misspelt)", () => {
        assert.deepEqual(sdkRoundTrip(card), withoutSdkDefaults(card));
      });

      it('has 1.5 types only, labelled inputs, wrapping text, and verb = data.verb', () => {
        assert.deepEqual(structuralProblems(card), []);
      });

      it("stays well under Teams' 28 KB message limit", () => {
        assert.ok(bytes(card) < PAGE_BUDGET_BYTES, `${bytes(card)} bytes`);
      });
    });
  }

  it('renders a view far past the size limit without failing (paging is the dialog’s job)', () => {
    const card = asJson(renderCard(offersPage(500)));
    assert.equal(typedObjects(card).filter((element) => element.type === 'Container').length, 500);
    assert.deepEqual(sdkProblems(card), []);
  });

  it('the structural check itself catches what the SDK lets through', () => {
    const bad: JsonObject = {
      type: 'AdaptiveCard', version: '1.6', body: [
        { type: 'TextBlock', text: 'no wrap' },
        { type: 'Input.Text', id: 'x' },
        { type: 'Carousel', pages: [] },
        { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Go', verb: 'a', data: { verb: 'b' } }] },
      ],
    };
    assert.equal(structuralProblems(bad).length, 5);
  });
});
