import assert from 'node:assert/strict';
import { MAX_REPLY_BYTES, paginate, utf8Length, type PageFooter } from '../../src/wechat/paging';

const more = (page: number, total: number): string => (page < total ? `\n(${page}/${total}) reply 1 for more` : '');
const numbered = (page: number, total: number): string => `\n— ${page}/${total}`;

/** Every page within the limit, and the bodies (footers removed) give back the text up to the dropped breaks. */
function assertPages(pages: string[], text: string, footer: PageFooter, maxBytes = MAX_REPLY_BYTES): void {
  const bodies = pages.map((page, i) => {
    assert.ok(utf8Length(page) <= maxBytes, `page ${i + 1} has ${utf8Length(page)} bytes`);
    const tail = footer(i + 1, pages.length);
    assert.ok(page.endsWith(tail), `page ${i + 1} ends with its footer`);
    return page.slice(0, page.length - tail.length);
  });
  assert.equal(bodies.join('').replace(/\s/g, ''), text.replace(/\s/g, ''));
  for (const body of bodies) assert.ok(!body.includes('\uFFFD') && body.length > 0);
}

describe('wechat/paging', () => {
  it('returns a short text as one page, with the footer for page 1 of 1', () => {
    assert.deepEqual(paginate('hello', more), ['hello']);
    assert.deepEqual(paginate('hello', numbered), ['hello\n— 1/1']);
    assert.deepEqual(paginate('', numbered), ['\n— 1/1']);
  });

  it('counts the footer against the limit', () => {
    const text = 'x'.repeat(MAX_REPLY_BYTES);
    assert.deepEqual(paginate(text, () => ''), [text]);
    const pages = paginate(text, numbered);
    assert.equal(pages.length, 2);
    assertPages(pages, text, numbered);
  });

  it('cuts at line ends and drops the break at the cut', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${i + 1}. 发布者联系人 ${'x'.repeat(i % 7)}`);
    const text = lines.join('\n');
    const pages = paginate(text, more);
    assert.ok(pages.length > 1);
    assertPages(pages, text, more);
    for (const [i, page] of pages.entries()) {
      const body = page.slice(0, page.length - more(i + 1, pages.length).length);
      for (const line of body.split('\n')) assert.ok(lines.includes(line), `page ${i + 1} holds whole lines only: ${line}`);
    }
  });

  it('handles CRLF line ends', () => {
    const text = Array.from({ length: 50 }, () => 'y'.repeat(30)).join('\r\n');
    const pages = paginate(text, () => '', 100);
    assert.ok(pages.every((page) => /^(?:y{30}\r\n)*y{30}$/.test(page)), pages.join('|'));
  });

  it('falls back to spaces, then to whole characters, never splitting one', () => {
    const chinese = '中文字'.repeat(1000); // 3 bytes each, no breaks at all
    assertPages(paginate(chinese, numbered), chinese, numbered);
    const emoji = '😀'.repeat(1000); // 4 bytes, a surrogate pair each
    const pages = paginate(emoji, numbered, 101);
    assertPages(pages, emoji, numbered, 101);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const page of pages) assert.ok(!loneSurrogate.test(page));
    const words = 'word '.repeat(100).trim();
    assert.ok(paginate(words, () => '', 42).every((page) => /^(?:word ?)+$/.test(page) && !page.endsWith(' ')));
  });

  it('settles the page count when the footer grows with it', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `line ${i}`).join('\n');
    const wide = (page: number, total: number): string => `\n${'#'.repeat(String(total).length * 10)} ${page}/${total}`;
    const pages = paginate(text, wide, 200);
    assert.ok(pages.length >= 100);
    assertPages(pages, text, wide, 200);
    assert.ok(pages.at(-1)!.endsWith(`${pages.length}/${pages.length}`));
  });

  it('ends each page where an entry ends, when the entries fit on a page', () => {
    // Entries as the text views render them: a heading and its facts, blank lines between entries.
    const entries = Array.from({ length: 40 }, (_, i) => [`▪ 产品 ${i + 1}`, `客服姓名：张${'伟'.repeat(i % 9)}`, `客服电话：400-820-${String(1000 + i)}`, '  回复 3：查看'].join('\n'));
    const text = entries.join('\n\n');
    const pages = paginate(text, more);
    assert.ok(pages.length > 1);
    assertPages(pages, text, more);
    for (const [i, page] of pages.entries()) {
      const body = page.slice(0, page.length - more(i + 1, pages.length).length);
      for (const entry of body.split('\n\n')) assert.ok(entries.includes(entry), `page ${i + 1} cuts an entry: ${JSON.stringify(entry)}`);
    }
  });

  it('cuts an entry longer than a page at a line end', () => {
    const long = Array.from({ length: 200 }, (_, i) => `第 ${i} 行`).join('\n');
    const pages = paginate(`开头\n\n${long}`, () => '', 300);
    assert.equal(pages[0], '开头', 'the short entry is a page of its own rather than sharing one with half of the next');
    for (const page of pages.slice(1)) assert.ok(page.split('\n').every((line) => /^第 \d+ 行$/.test(line)), page);
  });

  it('never splits an emoji sequence or a flag (several code points, one character)', () => {
    for (const cluster of ['👨‍👩‍👧‍👦', '🇨🇳', '👍🏽', 'é']) {
      const text = cluster.repeat(500);
      const pages = paginate(text, () => '', 97);
      assert.ok(pages.length > 1);
      for (const page of pages) assert.equal(page.split(cluster).join(''), '', `a page holds part of ${cluster}: ${JSON.stringify(page.slice(-12))}`);
      assert.equal(pages.join(''), text);
    }
  });

  it('refuses a footer that leaves no room for text', () => {
    assert.throws(() => paginate('some text', () => 'f'.repeat(2000)), RangeError);
  });
});
