/** The main menu, help, welcome, and the views shown before a task starts. */
import type { Translate } from '../i18n';
import type { Membership } from '../service/access';
import { COMMANDS, MENU_ENTRIES } from '../tasks/registry';
import { backToMenu } from './common';
import { PAGE_SIZES, pageActions, pageLine, pageOf } from './pager';
import { OwnText, type View, type ViewAction } from './view';

function taskActions(t: Translate, canSwitch: boolean): ViewAction[] {
  return MENU_ENTRIES.filter((entry) => canSwitch || !entry.onlyWithSeveralPublishers).map((entry) => ({ verb: entry.verb, title: t(`menu.${entry.label}`) }));
}

export function mainMenuView(t: Translate, companyName: string, canSwitch: boolean, notice?: View['notice']): View {
  return {
    title: OwnText.of(t, 'menu.title'),
    subtitle: t('common.actingFor', { company: companyName }),
    ...(notice ? { notice } : {}),
    paragraphs: [t('menu.prompt')],
    actions: taskActions(t, canSwitch),
  };
}

export function welcomeView(t: Translate): View {
  return {
    title: OwnText.of(t, 'welcome.title'),
    paragraphs: [t('welcome.intro'), t('welcome.rights'), t('welcome.start')],
    actions: [{ verb: 'menu', title: t('actions.menu') }, { verb: 'help', title: t('menu.help') }],
  };
}

export function helpView(t: Translate): View {
  return {
    title: OwnText.of(t, 'help.title'),
    paragraphs: [t('help.intro')],
    facts: [
      ...COMMANDS.map(({ name }) => ({ label: OwnText.of(t, `commands.${name}.example`), value: OwnText.of(t, `commands.${name}.description`) })),
      // Unbinding is a link word rather than a task (it works before and after the menu), so it is listed apart.
      { label: OwnText.of(t, 'help.unbindLabel'), value: OwnText.of(t, 'help.unbindDescription') },
    ],
    actions: [backToMenu(t)],
  };
}

export function notAuthorizedView(t: Translate): View {
  return { title: t('access.deniedTitle'), paragraphs: [t('access.denied'), t('access.howToGetAccess')] };
}

/** One page of the publishers the user may act for (`page` from 0). */
export function publisherChooserView(t: Translate, memberships: Membership[], notice?: View['notice'], page = 0): View {
  const shown = pageOf(memberships, page, PAGE_SIZES.publishers);
  const pageText = pageLine(t, shown);
  return {
    title: OwnText.of(t, 'publisher.chooseTitle'),
    ...(notice ? { notice } : {}),
    // "More than one publisher" only when there is more than one to choose from.
    paragraphs: memberships.length > 1 ? [t('publisher.choosePrompt'), ...(pageText ? [pageText] : [])] : [t('publisher.onlyOne', { company: memberships[0]?.companyName ?? '' })],
    actions:
      memberships.length < 2
        ? [backToMenu(t)]
        : [
            ...shown.items.map((m): ViewAction => ({ verb: 'publisher.select', title: m.companyName, data: { publisherId: m.publisherId } })),
            ...pageActions(t, shown, 'publisher.choose'),
          ],
  };
}

export function languageChooserView(t: Translate): View {
  return {
    title: OwnText.of(t, 'language.title'),
    paragraphs: [t('language.prompt')],
    actions: [
      { verb: 'language.set', title: '中文', data: { locale: 'zh-CN' } },
      { verb: 'language.set', title: 'English', data: { locale: 'en-US' } },
    ],
  };
}

export function messageView(title: string, text: string, actions: ViewAction[] = []): View {
  return { title, paragraphs: [text], actions };
}
