/**
 * `npm run cards`: every card the bot can show, rendered the way Teams renders it, as PNGs under
 * docs/cards/ with an index.html. The cards are the sample views of test/cards/sampleViews.ts and
 * the real views of the demo publisher in English and Chinese (and of a publisher whose stored values
 * are hostile markup), each through `renderCard` and the
 * real Adaptive Cards renderer (adaptivecards/dist/adaptivecards.js) in Chromium, with Teams' light
 * and dark host configs. Fonts are this machine's (no Segoe UI): layout, not typography, is the point.
 *
 * It also reports what a reviewer could miss in a picture: renderer warnings, and buttons the card
 * has but the host does not draw (Teams drops those past its `maxActions`).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { renderCard, type AdaptiveCard } from '../src/cards/adaptiveCard';
import type { CardElement } from '../src/cards/cardTypes';
import { LOCALES, type Locale } from '../src/i18n';
import { plainText, type View } from '../src/views/view';
import { chromiumInstalled, CHROMIUM_PATH, launchChromium } from '../test/helpers/browser';
import { hostilePublisher } from '../test/cards/hostileValues';
import { realViews } from '../test/cards/realViews';
import { sampleViews } from '../test/cards/sampleViews';
import darkHostConfig from './teams-host-config.dark.json';
import lightHostConfig from './teams-host-config.light.json';

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'docs', 'cards');
const RENDERER = require.resolve('adaptivecards/dist/adaptivecards.js');
const RENDERER_CSS = require.resolve('adaptivecards/dist/adaptivecards.css');

/** About the width Teams gives a card in a desktop chat. */
const CARD_WIDTH = 450;

const THEMES = { light: lightHostConfig, dark: darkHostConfig } as const;
type Theme = keyof typeof THEMES;

interface GalleryCard {
  /** File name stem, e.g. `en-contact-edit-error`. */
  name: string;
  group: string;
  view: View<string>;
}

// ---- The cards ------------------------------------------------------------------------------

/** The real views of the demo publisher in one language, as the dialogs build them. */
function realCards(locale: Locale): GalleryCard[] {
  const tag = locale === 'zh-CN' ? 'zh' : 'en';
  return Object.entries(realViews(locale)).map(([name, view]) => ({ name: `${tag}-${name}`, group: `Real views · ${locale}`, view }));
}

/** The same views of a publisher whose every stored value is hostile markup: all of it must show as literal text. */
function hostileCards(): GalleryCard[] {
  return Object.entries(realViews('en-US', hostilePublisher())).map(([name, view]) => ({ name: `hostile-${name}`, group: 'Hostile stored values · test/cards/hostileValues.ts', view }));
}

function sampleCards(): GalleryCard[] {
  return Object.entries(sampleViews).map(([name, view]) => ({ name: `sample-${name}`, group: 'Samples · test/cards/sampleViews.ts', view }));
}

// ---- Rendering --------------------------------------------------------------------------------

/** Teams' look around what the host config does not style: buttons and inputs (Fluent, roughly). */
const PAGE_CSS = `
  /* The host config sets fonts on text only; buttons and inputs inherit the page's, as in Teams. */
  body { margin: 0; font-family: ${lightHostConfig.fontTypes.default.fontFamily}; }
  body.light { background: #f5f5f5; }
  body.dark { background: #1f1f1f; }
  #frame { display: inline-block; padding: 16px; }
  #stage { width: ${CARD_WIDTH}px; }
  #stage > .ac-adaptiveCard { border-radius: 6px; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.14), 0 0 2px rgba(0, 0, 0, 0.12); }
  .ac-pushButton { font: inherit; font-size: 14px; font-weight: 600; min-height: 32px; padding: 0 12px; border: 1px solid; border-radius: 4px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .light .ac-pushButton { background: #fff; border-color: #d1d1d1; color: #242424; }
  .light .ac-pushButton.style-positive { background: #5b5fc7; border-color: #5b5fc7; color: #fff; }
  .light .ac-pushButton.style-destructive { color: #c4314b; }
  .dark .ac-pushButton { background: #292929; border-color: #666; color: #fff; }
  .dark .ac-pushButton.style-positive { background: #4f52b2; border-color: #4f52b2; }
  .dark .ac-pushButton.style-destructive { color: #e37d80; }
  .ac-input { font: inherit; font-size: 14px; box-sizing: border-box; width: 100%; min-height: 32px; padding: 5px 10px; border: 1px solid; border-radius: 4px; }
  .light .ac-input { background: #fff; color: #242424; border-color: #d1d1d1 #d1d1d1 #616161; }
  .dark .ac-input { background: #1f1f1f; color: #fff; border-color: #666 #666 #adadad; }
  .ac-input.ac-multiline { min-height: 72px; }
  .ac-input.ac-input-validation-failed { border-color: #c4314b; }
`;

/**
 * Runs in the page: parses and renders one card into #stage, and returns the renderer's
 * complaints. Plain JavaScript: it runs in Chromium, beside adaptivecards.js.
 */
const PAGE_SCRIPT = `
  window.renderGalleryCard = function (card, hostConfig, theme) {
    document.body.className = theme;
    var stage = document.getElementById('stage');
    stage.replaceChildren();
    var adaptiveCard = new AdaptiveCards.AdaptiveCard();
    adaptiveCard.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
    var context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
    adaptiveCard.parse(card, context);
    var problems = [];
    for (var i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
    adaptiveCard.validateProperties().validationEvents.forEach(function (event) { problems.push(event.message); });
    stage.appendChild(adaptiveCard.render());
    return problems;
  };
`;

/** What PAGE_SCRIPT adds to the page's global object. */
interface GalleryPage {
  renderGalleryCard(card: AdaptiveCard, hostConfig: object, theme: Theme): string[];
}

async function preparePage(page: Page): Promise<void> {
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="frame"><div id="stage"></div></div></body></html>');
  await page.addStyleTag({ path: RENDERER_CSS });
  await page.addStyleTag({ content: PAGE_CSS });
  await page.addScriptTag({ path: RENDERER });
  await page.addScriptTag({ content: PAGE_SCRIPT });
}

/** Renders one card in one theme to `<name>.<theme>.png`; returns what looks wrong. */
async function renderToPng(page: Page, card: AdaptiveCard, theme: Theme, file: string): Promise<string[]> {
  const problems = await page.evaluate(
    ({ card, hostConfig, theme }) => (globalThis as unknown as GalleryPage).renderGalleryCard(card, hostConfig, theme),
    { card, hostConfig: THEMES[theme], theme },
  );
  const drawn = await page.locator('#stage .ac-pushButton').count();
  const defined = countButtons(card.body);
  if (drawn !== defined) problems.push(`${defined} buttons in the card, ${drawn} drawn`);
  await page.locator('#frame').screenshot({ path: file });
  return problems;
}

function countButtons(elements: CardElement[]): number {
  return elements.reduce((sum, element) => {
    if (element.type === 'ActionSet') return sum + element.actions.length;
    if (element.type === 'Container') return sum + countButtons(element.items);
    return sum;
  }, 0);
}

// ---- Output -----------------------------------------------------------------------------------

function indexHtml(cards: GalleryCard[]): string {
  const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
  const groups = [...new Set(cards.map((card) => card.group))];
  const sections = groups.map((group) => {
    const rows = cards
      .filter((card) => card.group === group)
      .map((card) => {
        const images = (Object.keys(THEMES) as Theme[])
          .map((theme) => `<td><a href="${card.name}.${theme}.png"><img src="${card.name}.${theme}.png" alt="${escape(`${plainText(card.view.title)} (${theme})`)}" loading="lazy"></a></td>`)
          .join('');
        return `<tr><th id="${card.name}"><a href="#${card.name}">${card.name}</a><br><small>${escape(plainText(card.view.title))}</small></th>${images}</tr>`;
      });
    return `<h2>${escape(group)}</h2>\n<table>\n<tr><th></th><th>Teams light</th><th>Teams dark</th></tr>\n${rows.join('\n')}\n</table>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Publisher Privacy Assistant · card gallery</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 24px; }
  table { border-collapse: collapse; }
  th, td { vertical-align: top; padding: 8px; text-align: left; }
  tr + tr { border-top: 1px solid #ddd; }
  img { max-width: ${CARD_WIDTH + 32}px; }
</style>
</head>
<body>
<h1>Card gallery</h1>
<p>Generated by <code>npm run cards</code> (scripts/cardGallery.ts): each view through <code>renderCard</code> and the
Adaptive Cards renderer in Chromium with Teams' host configs. Fonts differ from Teams (no Segoe UI here).</p>
${sections.join('\n')}
</body>
</html>
`;
}

async function main(): Promise<void> {
  if (!chromiumInstalled()) throw new Error(`${CHROMIUM_PATH} is missing: install it with \`apt-get update && apt-get install -y chromium\``);
  const cards = [...LOCALES.flatMap(realCards), ...sampleCards(), ...hostileCards()];
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });

  const browser = await launchChromium({ width: CARD_WIDTH + 200, height: 800 });
  let problemCount = 0;
  try {
    const page = await browser.context.newPage();
    await preparePage(page);
    for (const card of cards) {
      const json = renderCard(card.view);
      for (const theme of Object.keys(THEMES) as Theme[]) {
        const problems = await renderToPng(page, json, theme, path.join(OUT_DIR, `${card.name}.${theme}.png`));
        for (const problem of problems) console.error(`${card.name} (${theme}): ${problem}`);
        problemCount += problems.length;
      }
    }
  } finally {
    await browser.close();
  }
  await writeFile(path.join(OUT_DIR, 'index.html'), indexHtml(cards));
  console.log(`${cards.length} cards × ${Object.keys(THEMES).length} themes → ${path.relative(ROOT, OUT_DIR)}/ (open index.html)`);
  if (problemCount > 0) throw new Error(`${problemCount} problem(s) found: see above`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
