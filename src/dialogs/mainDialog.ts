/**
 * The root dialog: handles what applies at every step (menu, help, cancel, language, choosing the
 * publisher) and routes every other verb to the task dialog that owns it.
 */
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { resolveLocale, translator } from '../i18n';
import { notice } from '../views/common';
import { helpView, languageChooserView, mainMenuView, publisherChooserView } from '../views/menuViews';
import { AadAccountsDialog } from './aadAccountsDialog';
import { ContactInfoDialog } from './contactInfoDialog';
import { ExportDialog } from './exportDialog';
import { OffersDialog } from './offersDialog';
import { RequestRecordsDialog } from './requestRecordsDialog';
import { getTaskContext, type TaskContext } from './taskContext';
import type { TaskDialog } from './taskDialog';
import { WechatBindingDialog } from './wechatBindingDialog';
import { WechatLinkDialog } from './wechatLinkDialog';
import { PrivacyDialog } from './privacyDialog';

export class MainDialog extends ComponentDialog {
  static readonly id = 'main';
  private readonly tasks: TaskDialog[] = [new ContactInfoDialog(), new AadAccountsDialog(), new OffersDialog(), new RequestRecordsDialog(), new ExportDialog(), new WechatBindingDialog(), new PrivacyDialog()];
  private readonly link = new WechatLinkDialog();

  constructor() {
    super(MainDialog.id);
    for (const task of this.tasks) this.addDialog(task);
    this.addDialog(this.link);
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

    // Linking a WeChat account comes before knowing who the caller is, and leaves any task as it was.
    if (verb && this.link.owns(verb)) {
      await inner.beginDialog(WechatLinkDialog.id);
      return Dialog.EndOfTurn;
    }
    if (verb && (await this.handleGlobal(inner, task, verb))) return Dialog.EndOfTurn;
    if (!task.actor) {
      task.present.show(publisherChooserView(task.t, task.memberships));
      return Dialog.EndOfTurn;
    }
    const owner = verb ? this.tasks.find((dialog) => dialog.owns(verb)) : undefined;
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

  /** Verbs that work at every step; returns whether the verb was one. */
  private async handleGlobal(inner: DialogContext, task: TaskContext, verb: string): Promise<boolean> {
    switch (verb) {
      case 'menu':
        await inner.cancelAllDialogs();
        this.showMenu(task);
        return true;
      case 'cancel':
        await inner.cancelAllDialogs();
        this.showMenu(task, notice(task.t, 'default', 'common.cancelled'));
        return true;
      case 'help':
        task.present.show(helpView(task.t));
        return true;
      case 'language.choose':
        task.present.show(languageChooserView(task.t));
        return true;
      case 'language.set': {
        const data = task.input.kind === 'action' ? task.input.data : {};
        task.preferences.locale = resolveLocale(String(data.locale ?? ''));
        task.t = translator(task.preferences.locale);
        task.locale = task.preferences.locale;
        this.showMenu(task, notice(task.t, 'good', 'language.changed'));
        return true;
      }
      case 'publisher.choose':
        await inner.cancelAllDialogs();
        task.present.show(publisherChooserView(task.t, task.memberships));
        return true;
      default:
        return false;
    }
  }

  private showMenu(task: TaskContext, message?: ReturnType<typeof notice>): void {
    if (!task.companyName) task.present.show(publisherChooserView(task.t, task.memberships, message));
    else task.present.show(mainMenuView(task.t, task.companyName, task.memberships.length > 1, message));
  }
}
