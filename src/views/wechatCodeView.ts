/** The one-time WeChat binding code, with how to use it; and what linking or unlinking did. */
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

/** The outcome of linking or unlinking a WeChat account (linked, wrong code, locked, unlinked). */
export function wechatLinkView(t: Translate, outcome: string): View {
  return { title: t('menu.wechat'), paragraphs: [outcome] };
}
