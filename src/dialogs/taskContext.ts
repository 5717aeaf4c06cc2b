/** What a dialog needs for one turn, assembled by the bot: who acts, in which language, and where views go. */
import type { TurnContext } from 'botbuilder';
import type { Locale, Translate } from '../i18n';
import type { Actor, Membership } from '../service/access';
import type { PrivacyService } from '../service/privacyService';
import type { SigninOffers } from '../signin/signinOffers';
import type { View } from '../views/view';
import type { RetentionPolicy } from '../views/privacyViews';
import type { TurnInput } from './turnInput';

/** Collects what a turn shows; the channel decides how (Adaptive Cards for Teams, text for WeChat). */
export interface Presenter {
  show(view: View): void;
}

/** The user's remembered choices (user state). */
export interface UserPreferences {
  locale?: Locale;
  publisherId?: string;
}

export interface TaskContext {
  input: TurnInput;
  t: Translate;
  locale: Locale;
  memberships: Membership[];
  /** Set once a publisher is chosen; tasks never run without it. */
  actor?: Actor;
  companyName?: string;
  service: PrivacyService;
  /** The caller's WeChat openid, on a turn from WeChat: what linking the account binds. */
  openid?: string;
  /** Set on a WeChat turn when sign-in with the Azure account is on: an unbound user is offered it. */
  signin?: SigninOffers;
  /** What the rights notice tells: the operator's contact and the retention limits. */
  policy: RetentionPolicy;
  /** PUBLIC_BASE_URL, where export download links point; unset: downloads are not offered. */
  exportBaseUrl?: string;
  present: Presenter;
  preferences: UserPreferences;
}

const TASK_CONTEXT = Symbol('taskContext');

export function setTaskContext(context: TurnContext, task: TaskContext): void {
  context.turnState.set(TASK_CONTEXT, task);
}

export function getTaskContext(context: TurnContext): TaskContext {
  const task = context.turnState.get<TaskContext | undefined>(TASK_CONTEXT);
  if (!task) throw new Error('the bot did not set a task context for this turn');
  return task;
}
