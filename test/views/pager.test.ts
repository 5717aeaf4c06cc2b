import assert from 'node:assert/strict';
import { translator } from '../../src/i18n';
import { pageActions, pageLine, pageOf, requestedPage } from '../../src/views/pager';

const t = translator('en-US');
const zh = translator('zh-CN');
const items = Array.from({ length: 23 }, (_, i) => i);

describe('pager', () => {
  it('cuts a list between items: every item on exactly one page, in order', () => {
    const pages = [0, 1, 2].map((n) => pageOf(items, n, 10));
    assert.deepEqual(pages.map((p) => p.items.length), [10, 10, 3]);
    assert.deepEqual(pages.flatMap((p) => p.items), items);
    assert.deepEqual(pages.map((p) => p.offset), [0, 10, 20]);
    assert.ok(pages.every((p) => p.count === 3 && p.total === 23));
  });

  it('clamps a page past either end to the first or the last, and an empty list has one page', () => {
    assert.equal(pageOf(items, 99, 10).index, 2);
    assert.equal(pageOf(items, -4, 10).index, 0);
    assert.equal(pageOf(items, 1.5, 10).index, 0);
    assert.deepEqual(pageOf([], 3, 10), { items: [], index: 0, count: 1, total: 0, offset: 0 });
  });

  it('reads the requested page from card data or a client that sent digits, page 0 for anything else', () => {
    assert.equal(requestedPage({ page: 4 }), 4);
    assert.equal(requestedPage({ page: '4' }), 4);
    for (const page of [-1, 1.5, Number.MAX_VALUE, '1e3', '-2', ' 3', 'x', true]) assert.equal(requestedPage({ page }), 0, String(page));
    assert.equal(requestedPage({}), 0);
  });

  it('says "page n of m" in the user\'s language, and nothing for a single page', () => {
    assert.equal(pageLine(t, pageOf(items, 1, 10)), 'Page 2 of 3');
    assert.equal(pageLine(zh, pageOf(items, 1, 10)), '第 2 页，共 3 页');
    assert.equal(pageLine(t, pageOf(items.slice(0, 5), 0, 10)), undefined);
  });

  it('offers previous and next only where there is such a page, as navigation without a part version', () => {
    assert.deepEqual(pageActions(t, pageOf(items, 0, 10), 'offer.list').map((a) => [a.title, a.data]), [['Next page', { page: 1 }]]);
    assert.deepEqual(pageActions(t, pageOf(items, 1, 10), 'offer.list', { q: 'x' }).map((a) => [a.title, a.data]), [
      ['Previous page', { q: 'x', page: 0 }],
      ['Next page', { q: 'x', page: 2 }],
    ]);
    assert.deepEqual(pageActions(zh, pageOf(items, 2, 10), 'audit').map((a) => a.title), ['上一页']);
    assert.ok(pageActions(t, pageOf(items, 1, 10), 'offer.list').every((a) => a.verb === 'offer.list' && !('v' in (a.data ?? {}))));
    assert.deepEqual(pageActions(t, pageOf(items.slice(0, 3), 0, 10), 'offer.list'), []);
  });
});
