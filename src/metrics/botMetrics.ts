/**
 * What the bot counts, in Prometheus terms (prom-client), and the small typed API the rest of the
 * code calls. Every label takes a value from a fixed list — never an id, a name, a phone number or
 * anything else a user chose — so a scrape can carry no personal data and no series can multiply.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The registry the metrics listener serves; one per process. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const CHANNELS = ['msteams', 'wechat', 'emulator', 'webchat', 'directline', 'test'] as const;
const ACTIVITY_KINDS = ['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'messageUpdate', 'messageDelete', 'event', 'typing', 'endOfConversation'] as const;

export type TurnOutcome = 'ok' | 'error';
export type StoreOutcome = 'ok' | 'conflict' | 'error';
/** A late WeChat answer: sent by customer-service message, refused by WeChat's API, or dropped for want of WECHAT_APP_SECRET. */
export type LateAnswerOutcome = 'sent' | 'failed' | 'dropped';
/** For the sign-in flow: a sign-in began, completed, was refused (e.g. the account is not listed), or failed (provider error). */
export type SignInOutcome = 'started' | 'succeeded' | 'refused' | 'failed';
/** A WeChat binding attempt with a one-time code. */
export type BindingOutcome = 'bound' | 'refused_invalid_code' | 'refused_locked';
export type ErasureKind = 'offer' | 'customerService' | 'requestRecord' | 'aadAccount' | 'contact' | 'wechatBinding' | 'teamsLink' | 'publisher';

const turns = new Counter({ name: 'ppa_turns_total', help: 'Bot turns by channel, activity kind and outcome', labelNames: ['channel', 'kind', 'outcome'], registers: [registry] });
const turnDuration = new Histogram({
  name: 'ppa_turn_duration_seconds',
  help: 'How long a bot turn took, by channel',
  labelNames: ['channel'],
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 4.5, 10],
  registers: [registry],
});
const storeDuration = new Histogram({
  name: 'ppa_store_command_duration_seconds',
  help: 'Latency of store commands, by engine, operation and outcome',
  labelNames: ['engine', 'operation', 'outcome'],
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5],
  registers: [registry],
});
const storeErrors = new Counter({ name: 'ppa_store_command_errors_total', help: 'Store commands that failed (not conflicts), by engine and operation', labelNames: ['engine', 'operation'], registers: [registry] });
const lateAnswers = new Counter({ name: 'ppa_wechat_late_answers_total', help: 'WeChat answers that missed the reply window and went by customer-service message, by outcome', labelNames: ['outcome'], registers: [registry] });
const signIns = new Counter({ name: 'ppa_sign_in_attempts_total', help: 'Sign-in attempts by outcome', labelNames: ['outcome'], registers: [registry] });
const bindings = new Counter({ name: 'ppa_wechat_binding_attempts_total', help: 'WeChat binding attempts with a one-time code, by outcome', labelNames: ['outcome'], registers: [registry] });
const erasures = new Counter({ name: 'ppa_erasures_total', help: 'Erasures (each with a receipt), by kind of record erased', labelNames: ['kind'], registers: [registry] });

// Each series exists from the start at 0, so a rate or an alert does not wait for the first event.
for (const outcome of ['sent', 'failed', 'dropped'] satisfies LateAnswerOutcome[]) lateAnswers.labels(outcome).inc(0);
for (const outcome of ['started', 'succeeded', 'refused', 'failed'] satisfies SignInOutcome[]) signIns.labels(outcome).inc(0);
for (const outcome of ['bound', 'refused_invalid_code', 'refused_locked'] satisfies BindingOutcome[]) bindings.labels(outcome).inc(0);

/** A value from `allowed`, or `other`: what a client sends never becomes a label as it is. */
export function boundedLabel(value: string | undefined, allowed: readonly string[]): string {
  return value !== undefined && allowed.includes(value) ? value : 'other';
}

export const metrics = {
  turn(channelId: string | undefined, activityType: string | undefined, outcome: TurnOutcome, seconds: number): void {
    const channel = boundedLabel(channelId, CHANNELS);
    turns.labels(channel, boundedLabel(activityType, ACTIVITY_KINDS), outcome).inc();
    turnDuration.labels(channel).observe(seconds);
  },
  storeCommand(engine: 'embedded' | 'redis', operation: string, outcome: StoreOutcome, seconds: number): void {
    storeDuration.labels(engine, operation, outcome).observe(seconds);
    if (outcome === 'error') storeErrors.labels(engine, operation).inc();
  },
  wechatLateAnswer(outcome: LateAnswerOutcome): void {
    lateAnswers.labels(outcome).inc();
  },
  signIn(outcome: SignInOutcome): void {
    signIns.labels(outcome).inc();
  },
  binding(outcome: BindingOutcome): void {
    bindings.labels(outcome).inc();
  },
  erasure(kinds: readonly ErasureKind[]): void {
    for (const kind of new Set(kinds)) erasures.labels(kind).inc();
  },
};
