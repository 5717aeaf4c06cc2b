/**
 * Linking a WeChat account to a publisher with a one-time code, and unlinking it. These run before
 * the caller is known as anyone (an unlinked account has no publisher yet): the only credential is
 * the code an authorized Teams user asked for.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { wechatLinkView } from '../views/wechatCodeView';
import { getTaskContext, type TaskContext } from './taskContext';
import { stringOf } from './taskDialog';

export class WechatLinkDialog extends Dialog {
  static readonly id = 'wechatLink' as const;

  constructor() {
    super(WechatLinkDialog.id);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const task = getTaskContext(dc.context);
    const { input, openid } = task;
    // Only a turn from WeChat carries an openid; a forged action from elsewhere links nothing.
    if (openid === undefined || input.kind !== 'action') {
      task.present.show(wechatLinkView(task.t, task.t('errors.E-FORBIDDEN')));
    } else if (input.verb === 'wechat.bind') {
      await this.bind(task, openid, stringOf(input.data, 'code'));
    } else {
      const receipt = await task.service.bindings.unbind(openid);
      if (receipt) task.present.show(wechatLinkView(task.t, task.t('wechat.unbound', { receiptId: receipt.id })));
      else await this.notBound(task, openid);
    }
    return dc.endDialog();
  }

  // Not bound: with sign-in on, the answer offers it (its ticket lives in the store under its own key).
  private async notBound(task: TaskContext, openid: string): Promise<void> {
    const view = wechatLinkView(task.t, task.t('wechat.wasNotBound'));
    if (task.signin) view.paragraphs = [...(view.paragraphs ?? []), task.t('signin.offer', { url: await task.signin.wechatLink(openid, task.locale) })];
    task.present.show(view);
  }

  private async bind(task: TaskContext, openid: string, code: string): Promise<void> {
    const { t } = task;
    const outcome = await task.service.bindings.bind(openid, code);
    if (outcome.kind === 'locked') return task.present.show(wechatLinkView(t, t('wechat.locked')));
    if (outcome.kind === 'invalid') return task.present.show(wechatLinkView(t, t('wechat.invalidCode', { count: outcome.attemptsLeft })));
    const company = (await task.service.companyNameOf(outcome.binding.publisherId)) ?? outcome.binding.publisherId;
    task.present.show(wechatLinkView(t, t('wechat.bound', { company })));
  }
}
