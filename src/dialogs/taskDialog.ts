/**
 * The base of every task dialog: one dialog per task, handling the verbs the task registry gives
 * it (src/tasks/registry). Interruptions (menu, help, cancel, language) live once, in MainDialog.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Actor } from '../service/access';
import type { DialogId, Verb } from '../tasks/registry';
import { isPrivacyError } from '../service/errors';
import { notice } from '../views/common';
import type { ActionData, View } from '../views/view';
import { getTaskContext, type TaskContext } from './taskContext';

export interface TaskTurn extends TaskContext {
  actor: Actor;
  companyName: string;
}

export abstract class TaskDialog extends Dialog {
  constructor(id: DialogId) {
    super(id);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.onTurn(dc);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.onTurn(dc);
  }

  // A dialog run in between (linking a WeChat account) leaves the task where it was.
  override resumeDialog(): Promise<DialogTurnResult> {
    return Promise.resolve(Dialog.EndOfTurn);
  }

  /** Handles one action of this task. */
  protected abstract handle(turn: TaskTurn, verb: Verb, data: ActionData): Promise<void>;

  /** The task's starting view, shown afresh with a notice after a stale or refused action. */
  protected abstract home(turn: TaskTurn, notice: View['notice']): Promise<void>;

  private async onTurn(dc: DialogContext): Promise<DialogTurnResult> {
    const task = getTaskContext(dc.context);
    if (!task.actor || task.companyName === undefined) throw new Error(`${this.id} started without an actor`);
    const turn: TaskTurn = { ...task, actor: task.actor, companyName: task.companyName };
    try {
      if (task.input.kind === 'action') await this.handle(turn, task.input.verb, task.input.data);
      else await this.home(turn, notice(task.t, 'default', 'common.notUnderstood'));
    } catch (error) {
      if (!isPrivacyError(error) || error.code === 'E-VALIDATION') throw error;
      const tone = error.code === 'E-STALE' ? 'warning' : 'attention';
      await this.home(turn, notice(task.t, tone, error.messageKey));
    }
    return Dialog.EndOfTurn;
  }
}

/** The part version a card action carried (src/domain/partVersions); empty (never current) when absent or forged. */
export function versionOf(data: ActionData): string {
  return typeof data.v === 'string' ? data.v : '';
}

/** A string from card data, empty when absent. */
export function stringOf(data: ActionData, key: string): string {
  const value = data[key];
  return value === undefined ? '' : String(value);
}
