/**
 * Issue 13 item 3: translations of bare keys are remembered per locale (views ask for the same
 * labels every turn). What a translator answers must not change with it: the locale's own text,
 * interpolation and defaults for calls with options, the key for a key that does not exist.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { translator } from '../../src/i18n';

const zh = JSON.parse(readFileSync(path.join(__dirname, '../../locales/zh-CN/translation.json'), 'utf8')) as { actions: { menu: string } };
const en = JSON.parse(readFileSync(path.join(__dirname, '../../locales/en-US/translation.json'), 'utf8')) as { actions: { menu: string } };

describe('translator', () => {
  it("answers a bare key with its locale's text, the same on every call", () => {
    for (let i = 0; i < 3; i += 1) {
      assert.equal(translator('zh-CN')('actions.menu'), zh.actions.menu);
      assert.equal(translator('en-US')('actions.menu'), en.actions.menu);
    }
  });

  it('still interpolates and applies defaults when called with options, after the bare key was asked', () => {
    const t = translator('zh-CN');
    t('common.chinaTime');
    assert.match(t('common.chinaTime', { time: '2024年3月12日 09:15' }), /^2024年3月12日 09:15/);
    assert.match(t('common.chinaTime', { time: 'X' }), /^X/);
    assert.equal(t('fields.noSuchField', { defaultValue: 'fallback' }), 'fallback');
  });

  it('answers an unknown key with the key itself (i18next), also when asked twice', () => {
    assert.equal(translator('en-US')('no.such.key'), 'no.such.key');
    assert.equal(translator('en-US')('no.such.key'), 'no.such.key');
  });
});
