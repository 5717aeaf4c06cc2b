/**
 * The root dialog: handles what applies at every step (menu, help, cancel, language, choosing the
 * publisher) and routes every other verb to the dialog the task registry names for it.
 */
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { resolveLocale, translator } from '../i18n';
import { notice } from '../views/common';
import { requestedPage } from '../views/pager';
import { helpView, languageChooserView, mainMenuView, publisherChooserView } from '../views/menuViews';
import { AadAccountsDialog } from './aadAccountsDialog';
import { ContactInfoDialog } from './contactInfoDialog';
import { ExportDialog } from './exportDialog';
import { OffersDialog } from './offersDialog';
import { RequestRecordsDialog } from './requestRecordsDialog';
import { taskOf, type DialogId, type Verb } from '../tasks/registry';
import { getTaskContext, type TaskContext } from './taskContext';
import type { TaskDialog } from './taskDialog';
import { WechatBindingDialog } from './wechatBindingDialog';
import { WechatLinkDialog } from './wechatLinkDialog';
import { PrivacyDialog } from './privacyDialog';

export class MainDialog extends ComponentDialog {
  static readonly id = 'main';
  private readonly tasks: Record<Exclude<DialogId, 'main' | 'wechatLink'>, TaskDialog> = {
    contactInfo: new ContactInfoDialog(),
    aadAccounts: new AadAccountsDialog(),
    offers: new OffersDialog(),
    requestRecords: new RequestRecordsDialog(),
    export: new ExportDialog(),
    wechatBinding: new WechatBindingDialog(),
    privacy: new PrivacyDialog(),
  };

  constructor() {
    super(MainDialog.id);
    for (const task of Object.values(this.tasks)) this.addDialog(task);
    this.addDialog(new WechatLinkDialog());
  }

  protected override async onBeginDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.route(inner);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.route(inner);
  }

  private async route(inner: DialogContext): Promise<DialogTurnResult> {
    const task = getTaskContext(inner.context);
    const { input } = task;
    const verb = input.kind === 'action' ? input.verb : undefined;

    const entry = verb ? taskOf(verb) : undefined;
    // What anyone may do (linking a WeChat account) comes before knowing who the caller is, and
    // leaves any task as it was.
    if (entry?.audience === 'anyone') {
      await inner.beginDialog(entry.dialog);
      return Dialog.EndOfTurn;
    }
    if (verb && entry?.dialog === 'main') {
      await this.handleGlobal(inner, task, verb);
      return Dialog.EndOfTurn;
    }
    if (!task.actor) {
      task.present.show(publisherChooserView(task.t, task.memberships));
      return Dialog.EndOfTurn;
    }
    const owner = entry && entry.dialog !== 'main' && entry.dialog !== 'wechatLink' ? this.tasks[entry.dialog] : undefined;
    if (owner && inner.activeDialog?.id !== owner.id) {
      await inner.cancelAllDialogs();
      await inner.beginDialog(owner.id);
    } else if (inner.activeDialog) {
      await inner.continueDialog();
    } else {
      this.showMenu(task, verb ? undefined : notice(task.t, 'default', 'common.notUnderstood'));
    }
    return Dialog.EndOfTurn;
  }

  /** Verbs that work at every step. */
  private async handleGlobal(inner: DialogContext, task: TaskContext, verb: Verb): Promise<void> {
    switch (verb) {
      case 'menu':
        await inner.cancelAllDialogs();
        this.showMenu(task);
        return;
      case 'cancel':
        await inner.cancelAllDialogs();
        this.showMenu(task, notice(task.t, 'default', 'common.cancelled'));
        return;
      case 'help':
        task.present.show(helpView(task.t));
        return;
      case 'language.choose':
        task.present.show(languageChooserView(task.t));
        return;
      case 'language.set': {
        const data = task.input.kind === 'action' ? task.input.data : {};
        task.preferences.locale = resolveLocale(String(data.locale ?? ''));
        task.t = translator(task.preferences.locale);
        task.locale = task.preferences.locale;
        this.showMenu(task, notice(task.t, 'good', 'language.changed'));
        return;
      }
      case 'publisher.choose':
        await inner.cancelAllDialogs();
        task.present.show(publisherChooserView(task.t, task.memberships, undefined, requestedPage(task.input.kind === 'action' ? task.input.data : {})));
        return;
      default:
        throw new Error(`the main dialog has no verb ${verb}`);
    }
  }

  private showMenu(task: TaskContext, message?: ReturnType<typeof notice>): void {
    if (!task.companyName) task.present.show(publisherChooserView(task.t, task.memberships, message));
    else task.present.show(mainMenuView(task.t, task.companyName, task.memberships.length > 1, message));
  }
}
