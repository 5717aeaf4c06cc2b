/**
 * The menu's WeChat entry. In Teams an authorized user gets a one-time code to link a WeChat
 * account to the publisher; a user already in WeChat sees their binding instead, and can unlink it.
 */
import { mainMenuView } from '../views/menuViews';
import type { View } from '../views/view';
import { wechatBindingStatusView, wechatCodeView } from '../views/wechatCodeView';
import { TaskDialog, type TaskTurn } from './taskDialog';

export class WechatBindingDialog extends TaskDialog {
  static readonly id = 'wechatBinding' as const;

  constructor() {
    super(WechatBindingDialog.id);
  }

  protected async handle(turn: TaskTurn): Promise<void> {
    const { identity } = turn.actor;
    if (identity.channel === 'linkedWechat') {
      const binding = await turn.service.bindings.bindingOf(identity.openid);
      if (binding) {
        turn.present.show(wechatBindingStatusView(turn.t, turn.locale, turn.companyName, binding.boundAt));
        return;
      }
    }
    // The service refuses anyone but an AAD user (E-FORBIDDEN, shown on the menu by TaskDialog).
    const { code, expiresAt } = await turn.service.bindings.issueCode(turn.actor);
    turn.present.show(wechatCodeView(turn.t, turn.locale, turn.companyName, code, expiresAt));
  }

  protected home(turn: TaskTurn, message: View['notice']): Promise<void> {
    turn.present.show(mainMenuView(turn.t, turn.companyName, turn.memberships.length > 1, message));
    return Promise.resolve();
  }
}
