import { parentPort, workerData } from 'node:worker_threads';
import { FragmentsError } from '../domain/errors.js';
import { readUnits, type ReadOptions, type Unit } from '../core/plan-read.js';

/*
 * Reads a plan on a worker thread: a long-running face (MCP, HTTP) parses a
 * big plan here, so its event loop keeps answering every other caller. Built
 * as an entry of its own (dist/plan-worker.js); plan-off-thread.ts starts it.
 */
const { units, options } = workerData as { units: Unit[]; options: ReadOptions };
try {
  parentPort!.postMessage({ read: readUnits(units, options) });
} catch (e) {
  const error = e instanceof FragmentsError ? { code: e.code, message: e.message, details: e.details } : { code: 'INTERNAL', message: `Unexpected failure reading the plan: ${(e as Error).message}`, details: {} };
  parentPort!.postMessage({ error });
}
