import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FragmentsError, type ErrorCode } from '../domain/errors.js';
import type { PlanRead, ReadOptions, Unit } from '../core/plan-read.js';

/** Below this, a plan reads in a few milliseconds: starting a thread would cost more. */
const OFF_THREAD_BYTES = 64 * 1024;
/** A read still running after this long is stopped: no plan within the size cap takes it. */
const READ_LIMIT_MS = 60_000;

/**
 * Reads the units: on a worker thread where the face serves others while it
 * reads (`serving`) and the plan is big, else here. The worker's script is
 * the build's `plan-worker.js`, beside the entry or one folder up from a chunk;
 * run from the sources (tests of the core), there is none, and reading stays here.
 */
export async function readPlan(units: Unit[], options: ReadOptions, serving: boolean): Promise<PlanRead> {
  const size = units.reduce((n, u) => n + (u.kind === 'text' ? u.text.length : u.files.reduce((m, f) => m + f.text.length, 0)), 0);
  const script = serving && size > OFF_THREAD_BYTES ? workerScript() : undefined;
  if (!script) {
    const { readUnits } = await import('../core/plan-read.js');
    return readUnits(units, options);
  }
  // Loaded here only: no other command starts a thread.
  const { Worker } = await import('node:worker_threads');
  return new Promise<PlanRead>((resolve, reject) => {
    const worker = new Worker(script, { workerData: { units, options } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new FragmentsError('PLAN_TOO_BIG', `Reading the plan took over ${READ_LIMIT_MS / 1000} s and was stopped; nothing was imported.`));
    }, READ_LIMIT_MS);
    worker.once('message', (message: { read?: PlanRead; error?: { code: ErrorCode; message: string; details: Record<string, unknown> } }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (message.read) resolve(message.read);
      else reject(new FragmentsError(message.error!.code, message.error!.message, message.error!.details));
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

function workerScript(): URL | undefined {
  return [new URL('./plan-worker.js', import.meta.url), new URL('../plan-worker.js', import.meta.url)].find((url) => url.protocol === 'file:' && existsSync(fileURLToPath(url)));
}
