/** The WeChat presenter pages a long answer: "more" on every page but the last, which says it is the last. */
import assert from 'node:assert/strict';
import { LOCALES, translator } from '../../src/i18n';
import { WechatPresenter } from '../../src/wechat/wechatPresenter';
import type { WechatSessionState } from '../../src/wechat/wechatSession';
import { utf8Length, MAX_REPLY_BYTES } from '../../src/wechat/paging';
import type { View } from '../../src/views/view';

function longView(entries: number): View {
  return {
    title: 'Offers',
    sections: Array.from({ length: entries }, (_, i) => ({
      heading: `Offer ${i + 1} 智云数据分析平台`,
      facts: [
        { label: 'Customer service', value: `客服 ${i + 1}` },
        { label: 'Phone', value: `400-820-${String(1000 + i)}` },
      ],
    })),
  };
}

for (const locale of LOCALES) {
  const t = translator(locale);
  describe(`WeChat presenter paging (${locale})`, () => {
    it('offers the next page on every page but the last, and the last one says it is the last', () => {
      const presenter = new WechatPresenter();
      presenter.show(longView(60));
      const session: WechatSessionState = {};
      const first = presenter.finish(session, t);
      assert.ok(first);
      const pages = [first, ...(session.pages ?? [])];
      assert.ok(pages.length >= 3, `a long answer takes several pages (${pages.length})`);
      const total = pages.length;
      pages.forEach((page, i) => {
        assert.ok(utf8Length(page) <= MAX_REPLY_BYTES);
        if (i < total - 1) assert.ok(page.endsWith(t('wechat.more', { page: i + 1, total })), `page ${i + 1}: ${page.slice(-60)}`);
      });
      const last = pages.at(-1)!;
      assert.ok(last.endsWith(t('wechat.lastPage', { page: total, total })), last.slice(-60));
      const moreWord = t('wechat.moreWord');
      assert.ok(!last.includes(`“${moreWord}”`) && !last.includes(`"${moreWord}"`), 'the last page does not ask for more');
    });

    it('adds no footer to an answer that fits one message', () => {
      const presenter = new WechatPresenter();
      presenter.show(longView(2));
      const session: WechatSessionState = {};
      const only = presenter.finish(session, t)!;
      assert.deepEqual(session.pages, []);
      assert.ok(!only.includes(t('wechat.lastPage', { page: 1, total: 1 })));
    });
  });
}
