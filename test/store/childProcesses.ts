/**
 * Spawning store workers (test/store/storeWorker.ts) in their own Node processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { OpenStoreOptions } from '../../src/store/openStore';

const WORKER = path.join(__dirname, 'storeWorker.ts');

/** A running worker and every stdout line it printed so far. */
export interface Worker {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first line matching `test` (rejects if the worker exits first). */
  waitFor(test: (line: string) => boolean): Promise<string>;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** Starts `storeWorker.ts <mode> <options> ...args` under tsx. */
export function startWorker(mode: string, options: OpenStoreOptions, args: string[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, mode, JSON.stringify(options), ...args], {
    cwd: path.join(__dirname, '..', '..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<{ test: (line: string) => boolean; resolve: (line: string) => void }> = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (child.stdout === null) throw new Error('worker has no stdout');
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.test(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    lines,
    exited,
    waitFor: (test) =>
      new Promise((resolve, reject) => {
        const seen = lines.find(test);
        if (seen !== undefined) return resolve(seen);
        waiters.push({ test, resolve });
        void exited.then((code) => reject(new Error(`worker exited (${code}) first; stderr: ${stderr}`)));
      }),
  };
}
