/** What a WeChat conversation remembers between replies: what the last answer offered to pick from. */
import type { Verb } from '../tasks/registry';
import type { ActionData } from '../views/view';
import type { FormSession } from './formSession';

export interface WechatSessionState {
  choices?: { verb: Verb; data: ActionData }[];
  confirmation?: { verb: Verb; data: ActionData };
  form?: FormSession;
  /** A form paused by "menu" or "help": the user can go on with it ("continue") until another form or "cancel" replaces it. */
  draft?: FormSession;
  pages?: string[];
}
