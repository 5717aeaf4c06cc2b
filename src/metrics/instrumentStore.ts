/**
 * The one place store commands are measured: wraps every method of an engine's repositories so
 * each call's latency and outcome reach the metrics, whatever engine runs and whoever calls it.
 */
import { ConflictError, type StoreEngine } from '../store/types';
import { metrics, type StoreOutcome } from './botMetrics';

/** The same engine, with every `publishers`, `audit` and `kv` method and `ping` timed. */
export function instrumentStore(engine: StoreEngine): StoreEngine {
  const time = <T extends object>(group: string, target: T): T => timedMethods(engine.name, group, target);
  const timedPing = time('engine', { ping: () => engine.ping() });
  return {
    name: engine.name,
    publishers: time('publishers', engine.publishers),
    audit: time('audit', engine.audit),
    kv: time('kv', engine.kv),
    ping: () => timedPing.ping(),
    close: () => engine.close(),
  };
}

const FOR_TURN = 'forTurn' satisfies keyof StoreEngine['publishers'];

function timedMethods<T extends object>(engine: StoreEngine['name'], group: string, target: T): T {
  // One timed wrapper per method, made on first use: not a new closure on every call.
  const wrappers = new Map<string, { method: unknown; timed: (...args: unknown[]) => unknown }>();
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const known = wrappers.get(property);
      if (known !== undefined && known.method === value) return known.timed;
      // A turn's view of the repository (forTurn) is not a store command: it is timed in its turn.
      if (property === FOR_TURN) {
        const forTurn = (): unknown => timedMethods(engine, group, (value as () => object).apply(object));
        wrappers.set(property, { method: value, timed: forTurn });
        return forTurn;
      }
      // Operation names come from the interfaces' method names: a fixed, small set.
      const operation = `${group}.${property}`;
      const timed = async (...args: unknown[]): Promise<unknown> => {
        const started = performance.now();
        let outcome: StoreOutcome = 'ok';
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
        } catch (error) {
          outcome = error instanceof ConflictError ? 'conflict' : 'error';
          throw error;
        } finally {
          metrics.storeCommand(engine, operation, outcome, (performance.now() - started) / 1000);
        }
      };
      wrappers.set(property, { method: value, timed });
      return timed;
    },
  });
}
