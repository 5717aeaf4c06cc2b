/** The one-time WeChat binding code, with how to use it; a WeChat user's own binding; and what linking or unlinking did. */
import type { Locale, Translate } from '../i18n';
import { backToMenu, formatDateTime } from './common';
import { OwnText, type View } from './view';

export function wechatCodeView(t: Translate, locale: Locale, companyName: string, code: string, expiresAt: Date): View {
  return {
    title: OwnText.of(t, 'wechat.codeTitle'),
    subtitle: companyName,
    paragraphs: [t('wechat.codeIntro', { company: companyName }), t('wechat.codeHowTo', { code })],
    facts: [
      { label: t('wechat.codeLabel'), value: code },
      { label: t('wechat.codeExpires'), value: formatDateTime(expiresAt.toISOString(), locale) },
    ],
    actions: [backToMenu(t)],
  };
}

/** What a linked WeChat user sees under the menu's WeChat entry: which publisher, since when, and how to unlink. */
export function wechatBindingStatusView(t: Translate, locale: Locale, companyName: string, boundAt: string): View {
  return {
    title: OwnText.of(t, 'wechatLink.title'),
    subtitle: companyName,
    paragraphs: [t('wechatLink.intro', { company: companyName }), t('wechatLink.unbindHint')],
    facts: [
      { label: t('wechatLink.company'), value: companyName },
      { label: t('wechatLink.since'), value: formatDateTime(boundAt, locale) },
    ],
    actions: [{ verb: 'wechat.unbind', title: t('wechatLink.unbind'), style: 'destructive' }, backToMenu(t)],
  };
}

/** The outcome of linking or unlinking a WeChat account (linked, wrong code, locked, unlinked). */
export function wechatLinkView(t: Translate, outcome: string): View {
  return { title: t('menu.wechat'), paragraphs: [outcome] };
}
