/** The sign-in pages: both languages, the user's first, every value escaped, nothing that loads. */
import assert from 'node:assert/strict';
import { PAGE_CSP, PAGE_KINDS, escapeHtml, renderSigninPage } from '../../src/signin/signinPage';

describe('sign-in pages', () => {
  it('shows the user\'s language first and the other after it', () => {
    const zh = renderSigninPage({ kind: 'linked', locale: 'zh-CN', companyName: '上海云帆', channel: 'wechat' });
    assert.ok(zh.indexOf('已完成，请返回微信') < zh.indexOf('Done — go back to WeChat'));
    const en = renderSigninPage({ kind: 'linked', locale: 'en-US', companyName: '上海云帆', channel: 'msteams' });
    assert.ok(en.indexOf('Done — go back to Teams') < en.indexOf('已完成，请返回'));
  });

  it('escapes a company name that carries markup', () => {
    const html = renderSigninPage({ kind: 'linked', locale: 'en-US', companyName: '<script>alert(1)</script>"\'&', channel: 'wechat' });
    assert.ok(!html.includes('<script>'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;'));
    assert.equal(escapeHtml(`<>&"'`), '&lt;&gt;&amp;&quot;&#39;');
  });

  it('has no script, no external asset, and a CSP that allows nothing but the inline style', () => {
    for (const kind of PAGE_KINDS) {
      const html = renderSigninPage({ kind });
      assert.doesNotMatch(html, /<script|<link|<img|src=|href=/i, kind);
      assert.doesNotMatch(html, /\{\{|signin\.page/, `${kind}: every text is translated`);
    }
    assert.match(PAGE_CSP, /default-src 'none'/);
    assert.match(PAGE_CSP, /frame-ancestors 'none'/);
    assert.doesNotMatch(PAGE_CSP, /script-src/);
  });
});
