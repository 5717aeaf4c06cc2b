/**
 * Every task the bot offers, in one list: its verbs, the typed commands that start it (words, example
 * and help line are the locale keys `commands.<name>.*`), its main-menu entry (`menu.<entry>`) and
 * who may use it. The menu, the help, command parsing and routing are all derived from this list,
 * and the verbs form a union the compiler checks wherever a view offers one or a dialog handles one.
 */

/** How a verb behaves beyond routing. */
export interface VerbSpec {
  /** A final deletion: WeChat users must type the confirmation word; a stray digit never runs it. */
  destructive?: true;
}

/** Who may use a task. The service enforces it; the router needs it to run linking before anyone is known. */
export type Audience =
  /** Anyone, before being known as a member of a publisher (linking a WeChat account). */
  | 'anyone'
  /** A member of the publisher acting through its AAD account list (Teams or a linked WeChat account). */
  | 'member'
  /** An admin of the publisher. */
  | 'admin';

interface TaskSpec {
  /** The dialog that handles the verbs; `main` for those that work at every step. */
  dialog: 'main' | 'contactInfo' | 'aadAccounts' | 'offers' | 'requestRecords' | 'export' | 'wechatBinding' | 'wechatLink' | 'privacy';
  verbs: Readonly<Record<string, VerbSpec>>;
  /** The typed command that starts the task, and the verb it starts. */
  command?: { name: string; verb: string };
  /** The main-menu entry: its label key `menu.<label>` and the verb it starts. */
  menu?: { label: string; verb: string; onlyWithSeveralPublishers?: true };
  audience: Audience;
}

/** In the order the menu and the help show them. */
export const TASKS = {
  menu: { dialog: 'main', verbs: { menu: {} }, command: { name: 'menu', verb: 'menu' }, audience: 'member' },
  contact: {
    dialog: 'contactInfo',
    verbs: { 'contact.view': {}, 'contact.edit': {}, 'contact.save': {}, 'contact.remove': {}, 'contact.remove.execute': { destructive: true } },
    command: { name: 'contact', verb: 'contact.view' },
    menu: { label: 'contact', verb: 'contact.view' },
    audience: 'member',
  },
  accounts: {
    dialog: 'aadAccounts',
    verbs: { 'account.list': {}, 'account.add': {}, 'account.add.save': {}, 'account.remove': {}, 'account.remove.confirmSelf': {}, 'account.remove.execute': { destructive: true }, 'account.role': {}, 'account.role.save': {} },
    command: { name: 'accounts', verb: 'account.list' },
    menu: { label: 'accounts', verb: 'account.list' },
    audience: 'member',
  },
  offers: {
    dialog: 'offers',
    verbs: { 'offer.list': {}, 'offer.view': {}, 'offer.edit': {}, 'offer.save': {}, 'offer.delete': {}, 'offer.delete.execute': { destructive: true } },
    command: { name: 'offers', verb: 'offer.list' },
    menu: { label: 'offers', verb: 'offer.list' },
    audience: 'member',
  },
  records: {
    dialog: 'requestRecords',
    verbs: { 'record.list': {}, 'record.view': {}, 'record.delete': {}, 'record.delete.execute': { destructive: true } },
    command: { name: 'records', verb: 'record.list' },
    menu: { label: 'records', verb: 'record.list' },
    audience: 'member',
  },
  export: { dialog: 'export', verbs: { export: {} }, command: { name: 'export', verb: 'export' }, menu: { label: 'export', verb: 'export' }, audience: 'member' },
  wechatCode: {
    dialog: 'wechatBinding',
    verbs: { 'wechat.code': {} },
    command: { name: 'wechat', verb: 'wechat.code' },
    menu: { label: 'wechat', verb: 'wechat.code' },
    // Codes are issued to AAD users only (the service checks); a linked WeChat user sees their binding here.
    audience: 'member',
  },
  // Typed only in WeChat, as "bind 123456" / "unbind": the WeChat session reads those words.
  wechatLink: { dialog: 'wechatLink', verbs: { 'wechat.bind': {}, 'wechat.unbind': {} }, audience: 'anyone' },
  privacy: { dialog: 'privacy', verbs: { privacy: {} }, command: { name: 'privacy', verb: 'privacy' }, menu: { label: 'privacy', verb: 'privacy' }, audience: 'member' },
  receipts: { dialog: 'privacy', verbs: { receipts: {} }, command: { name: 'receipts', verb: 'receipts' }, audience: 'member' },
  audit: { dialog: 'privacy', verbs: { audit: {} }, command: { name: 'audit', verb: 'audit' }, audience: 'admin' },
  language: {
    dialog: 'main',
    verbs: { 'language.choose': {}, 'language.set': {} },
    command: { name: 'language', verb: 'language.choose' },
    menu: { label: 'language', verb: 'language.choose' },
    audience: 'member',
  },
  publisher: {
    dialog: 'main',
    verbs: { 'publisher.choose': {}, 'publisher.select': {} },
    command: { name: 'switch', verb: 'publisher.choose' },
    menu: { label: 'switch', verb: 'publisher.choose', onlyWithSeveralPublishers: true },
    audience: 'member',
  },
  cancel: { dialog: 'main', verbs: { cancel: {} }, command: { name: 'cancel', verb: 'cancel' }, audience: 'member' },
  help: { dialog: 'main', verbs: { help: {} }, command: { name: 'help', verb: 'help' }, menu: { label: 'help', verb: 'help' }, audience: 'member' },
} as const satisfies Record<string, TaskSpec>;

type Tasks = typeof TASKS;
export type TaskName = keyof Tasks;
/** Every verb a view may offer and a dialog handles. */
export type Verb = { [K in TaskName]: keyof Tasks[K]['verbs'] & string }[TaskName];
/** Every typed command's name (its locale keys are `commands.<name>.*`). */
export type CommandName = { [K in TaskName]: Tasks[K] extends { command: { name: infer N } } ? N : never }[TaskName];
export type DialogId = Tasks[TaskName]['dialog'];

interface TaskEntry {
  name: TaskName;
  dialog: DialogId;
  verbs: Readonly<Record<string, VerbSpec>>;
  command?: { name: CommandName; verb: Verb };
  menu?: { label: string; verb: Verb; onlyWithSeveralPublishers?: true };
  audience: Audience;
}

/** The tasks in menu and help order. */
export const TASK_LIST: readonly TaskEntry[] = Object.entries(TASKS).map(([name, task]): TaskEntry => ({ name: name as TaskName, ...task }));

const TASK_OF_VERB = new Map<string, TaskEntry>(TASK_LIST.flatMap((task) => Object.keys(task.verbs).map((verb): [string, TaskEntry] => [verb, task])));

/** Whether a string from a client (card data, a stored choice) is a verb the bot knows. */
export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && TASK_OF_VERB.has(value);
}

/** The task a verb belongs to. */
export function taskOf(verb: Verb): TaskEntry {
  const task = TASK_OF_VERB.get(verb);
  if (!task) throw new Error(`no task has the verb ${verb}`);
  return task;
}

/** Whether running the verb deletes for good, so it must be confirmed by typing a word where a digit could pick it. */
export function isDestructive(verb: Verb): boolean {
  return taskOf(verb).verbs[verb]?.destructive === true;
}

/** The typed commands, in help order. */
export const COMMANDS: readonly { name: CommandName; verb: Verb }[] = TASK_LIST.flatMap((task) => (task.command ? [task.command] : []));

/** The main-menu entries, in order. */
export const MENU_ENTRIES: readonly { label: string; verb: Verb; onlyWithSeveralPublishers?: true }[] = TASK_LIST.flatMap((task) => (task.menu ? [task.menu] : []));
