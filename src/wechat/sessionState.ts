/** What a WeChat conversation remembers between replies: what the last answer offered to pick from. */
import type { ActionData } from '../views/view';
import type { FormSession } from './formSession';

export interface WechatSessionState {
  choices?: { verb: string; data: ActionData }[];
  confirmation?: { verb: string; data: ActionData };
  form?: FormSession;
  pages?: string[];
}
