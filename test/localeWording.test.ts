/**
 * Words users read, checked over both locale files: Chinese without stray spaces around inserted
 * values, no "click"/"below" where a WeChat user (who has no buttons) can read it, and a salted
 * hash called what it is — pseudonymous (化名, PIPL's 去标识化), never anonymous.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

function strings(locale: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (value: unknown, prefix: string): void => {
    if (typeof value === 'string') found.set(prefix, value);
    else if (typeof value === 'object' && value !== null) for (const [key, child] of Object.entries(value)) walk(child, prefix ? `${prefix}.${key}` : key);
  };
  walk(JSON.parse(readFileSync(join(ROOT, 'locales', locale, 'translation.json'), 'utf8')), '');
  return found;
}

const CJK = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]';
// Placeholders that insert a number (or a date, a period, a six-digit code): Chinese sets those off
// with a half-width space ("共 3 条", "绑定 123456"), as the rest of the file does with digits. A
// name or any other inserted text joins the characters around it ("已绑定到上海云帆…").
const NUMERIC = new Set(['count', 'n', 'page', 'pages', 'total', 'digits', 'length', 'max', 'width', 'minutes', 'code', 'period', 'cutoff', 'time']);
const SPACED = new RegExp(`${CJK} \\{\\{(\\w+)\\}\\}|\\{\\{(\\w+)\\}\\} ${CJK}`, 'g');

/** The placeholders of a text that hold a name yet have a space between them and a Chinese character. */
function spacedNames(text: string): string[] {
  return [...text.matchAll(SPACED)].map((match) => match[1] ?? match[2] ?? '').filter((name) => !NUMERIC.has(name));
}
// Only the operator's terminal (cli) and the sign-in web page are never shown in WeChat.
const NOT_IN_WECHAT = ['cli.', 'signin.page.'];
// contact.editHint is being rewritten with contact removal (another change owns its words); drop it from here once that lands.
const BUTTON_WORDS = /\bclick|\btap\b|\bbelow\b|\babove\b|\bbutton|点击|点按|按钮|下方|下面|上方/i;

describe('Locale wording', () => {
  it('has no space between a Chinese character and an inserted name in zh-CN', () => {
    const spaced = [...strings('zh-CN')].filter(([, text]) => spacedNames(text).length > 0).map(([key, text]) => `${key}: ${text}`);
    assert.deepEqual(spaced, []);
  });

  it('never speaks of clicking, buttons or "below" in a text a WeChat user can see', () => {
    const found = ['en-US', 'zh-CN'].flatMap((locale) =>
      [...strings(locale)]
        .filter(([key, text]) => !NOT_IN_WECHAT.some((prefix) => key.startsWith(prefix)) && BUTTON_WORDS.test(text))
        .map(([key, text]) => `${locale} ${key}: ${text}`),
    );
    assert.deepEqual(found, []);
  });

  it('calls the salted actor hash pseudonymous (化名), never anonymous (匿名)', () => {
    const zh = [...strings('zh-CN')];
    const en = [...strings('en-US')];
    assert.deepEqual(zh.filter(([, text]) => text.includes('匿名')).map(([key]) => key), []);
    assert.deepEqual(en.filter(([, text]) => /anonymous/i.test(text)).map(([key]) => key), []);
    assert.ok(zh.some(([, text]) => text.includes('化名编号')), 'the privacy notice names the 化名编号');
  });
});
