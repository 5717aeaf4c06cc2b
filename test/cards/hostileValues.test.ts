/**
 * Item 7 of issue 9: a stored value is never markup. Every real view, built from a publisher whose
 * every stored string is hostile markdown/HTML, is rendered as a card (checked as JSON, then drawn
 * by the Adaptive Cards SDK in Chromium with a markdown processor, as Teams has one) and as WeChat
 * text; no link, image or tag may come from a stored value, and the literal text must be visible.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { renderCard, type AdaptiveCard } from '../../src/cards/adaptiveCard';
import { LOCALES, translator } from '../../src/i18n';
import { plainText, type View } from '../../src/views/view';
import { renderText } from '../../src/wechat/textView';
import { WechatPresenter } from '../../src/wechat/wechatPresenter';
import type { WechatSessionState } from '../../src/wechat/wechatSession';
import { launchChromium, requireChromium, saveScreenshot, type LaunchedChromium } from '../helpers/browser';
import { EVIL_HOST, hostile, hostilePublisher, literalLinkOf } from './hostileValues';
import { realViews } from './realViews';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Every string under a `text`, `title` or `value` key of an element of this type, anywhere in the card. */
function stringsOf(card: AdaptiveCard, types: string[]): string[] {
  const found: string[] = [];
  const walk = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    if (typeof node.type === 'string' && types.includes(node.type)) {
      for (const key of ['text', 'title', 'value']) if (typeof node[key] === 'string') found.push(node[key]);
      if (node.type === 'FactSet' && Array.isArray(node.facts)) for (const fact of node.facts) walk({ type: 'FactSet', ...(fact as object) });
    }
    Object.values(node).forEach(walk);
  };
  walk(JSON.parse(JSON.stringify(card)) as Json);
  return found;
}

const cases = LOCALES.flatMap((locale) => Object.entries(realViews(locale, hostilePublisher())).map(([name, view]) => ({ name: `${locale} ${name}`, locale, view })));
/** Views that show no stored value as text (menus, help, the rights notice, receipts; the chooser has company names on buttons only). */
const WITHOUT_STORED_VALUES = new Set(['welcome', 'help', 'language', 'not-authorized', 'privacy-notice', 'erasure-receipt', 'erasure-receipts', 'publisher-chooser']);
const showsData = (name: string): boolean => !WITHOUT_STORED_VALUES.has(name.split(' ')[1] ?? '');

describe('hostile stored values on cards (JSON)', () => {
  for (const { name, view } of cases) {
    it(`${name}: no stored value in a TextBlock or FactSet, where Teams would render its markdown`, () => {
      const card = renderCard(view);
      const markdownStrings = stringsOf(card, ['TextBlock', 'FactSet']);
      assert.deepEqual(markdownStrings.filter((text) => text.includes(EVIL_HOST)), []);
      if (showsData(name)) assert.ok(stringsOf(card, ['TextRun']).some((text) => text.includes(EVIL_HOST)), 'the stored values are shown, as TextRuns');
    });
  }

  it('keeps own text (titles, the help table) in the native TextBlock and FactSet', () => {
    const views = realViews('en-US', hostilePublisher());
    const help = renderCard(required(views.help));
    assert.equal(help.body[0]?.type, 'TextBlock');
    assert.ok(help.body.some((element) => element.type === 'FactSet'));
  });
});

describe('hostile stored values in WeChat text', () => {
  const session = (): WechatSessionState => ({ choices: [] });
  for (const { name, locale, view } of cases) {
    it(`${name}: no < or > from a stored value, the literal text visible`, () => {
      const t = translator(locale);
      const { text } = renderText(view, t);
      assert.ok(!/[<>]/.test(text), text);
      if (showsData(name)) assert.ok(text.includes(EVIL_HOST), 'the stored values are shown');
      // Through the presenter too: forms become field prompts and summaries there.
      const presenter = new WechatPresenter();
      presenter.show(view);
      const sent = presenter.finish(session(), t) ?? '';
      assert.ok(!/[<>]/.test(sent), sent);
    });
  }

  it('neutralizes tags in said text', () => {
    const t = translator('zh-CN');
    const presenter = new WechatPresenter();
    presenter.say(t('wechat.bound', { company: hostile('company') }));
    const sent = presenter.finish(session(), t) ?? '';
    assert.ok(!/[<>]/.test(sent), sent);
    assert.ok(sent.includes('＜a href='), 'shown as fullwidth look-alikes, readable');
  });
});

/** Renders one card with the SDK in the page; returns what Chromium drew from it. */
const PAGE_SCRIPT = `
  const md = window.markdownit({ linkify: true, html: true });
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) { result.outputHtml = md.render(text); result.didProcess = true; };
  window.drawCard = function (card) {
    const stage = document.getElementById('stage');
    stage.replaceChildren();
    const adaptiveCard = new AdaptiveCards.AdaptiveCard();
    adaptiveCard.parse(card, new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5));
    stage.appendChild(adaptiveCard.render());
    const links = [...stage.querySelectorAll('a, img, iframe, script, [onerror]')].map((element) => element.outerHTML);
    const emphasis = [...stage.querySelectorAll('em, strong, b, i')].map((element) => element.outerHTML);
    return { links, emphasis, text: stage.innerText };
  };
`;

interface Drawn {
  links: string[];
  emphasis: string[];
  text: string;
}

describe('hostile stored values on cards, drawn in Chromium', function () {
  let browser: LaunchedChromium | undefined;
  let page: Page;

  before(async function () {
    requireChromium(this);
    browser = await launchChromium({ width: 650, height: 1200 });
    page = await browser.context.newPage();
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="stage" style="width:450px"></div></body></html>');
    await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.js') });
    await page.addScriptTag({ path: require.resolve('markdown-it/dist/markdown-it.min.js') });
    await page.addScriptTag({ content: PAGE_SCRIPT });
  });
  after(async () => browser?.close());

  const draw = (card: AdaptiveCard | object): Promise<Drawn> => page.evaluate((json) => (globalThis as unknown as { drawCard(card: object): Drawn }).drawCard(json), card);

  it('the page does render markdown as links (so the checks below can fail)', async () => {
    const drawn = await draw({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: hostile('control'), wrap: true }] });
    assert.ok(drawn.links.some((html) => html.includes(EVIL_HOST)), JSON.stringify(drawn.links));
    assert.ok(drawn.emphasis.length > 0);
  });

  for (const { name, view } of cases) {
    it(`${name}: no link, image or emphasis drawn from a stored value; the literal text visible`, async () => {
      const drawn = await draw(renderCard(view));
      assert.deepEqual(drawn.links, []);
      assert.deepEqual(drawn.emphasis, []);
      if (showsData(name)) assert.ok(drawn.text.includes('[Click to verify') && drawn.text.includes(EVIL_HOST), drawn.text.slice(0, 400));
    });
  }

  it('shows a contact named as a phishing link literally (screenshot: artifacts/browser/hostile-*.png)', async () => {
    const views = realViews('en-US', hostilePublisher());
    for (const name of ['contact-info', 'offer-detail', 'accounts']) {
      const drawn = await draw(renderCard(required(views[name])));
      if (name === 'contact-info') assert.ok(drawn.text.includes(literalLinkOf('contact0')), drawn.text.slice(0, 400));
      await saveScreenshot(page, `hostile-${name}`);
    }
  });
});

function required(view: View | undefined): View {
  if (!view) throw new Error('missing view');
  assert.ok(plainText(view.title));
  return view;
}
