/**
 * The screen's command thread (see `inWorker`): runs each command it is sent
 * through the same `execute` as every face, in face `tui`, and answers with
 * the envelope; a completion check starting is said on the way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { catalogue } from '../commands/catalogue.js';
import { clockFrom } from '../runner/clock.js';
import { execute } from '../runner/execute.js';
import { openStore } from '../store/store.js';
import type { WorkerData } from './executor.js';

const { home, url, user, cwd, pinnedNow } = workerData as WorkerData;
const store = await openStore({ home, url, user: () => user ?? 'unknown' });
const now = clockFrom({ FRAGMENTS_NOW: pinnedNow });
const port = parentPort!;

port.on('message', async ({ id, sessionKey, name, args }: { id: number; sessionKey: string | null; name: string; args: Record<string, unknown> }) => {
  try {
    const checking = (command: string) => port.postMessage({ id, checking: command });
    // The developer types these lines: a check command may run, in the folder the screen was opened in.
    const envelope = await execute(catalogue, { store, face: 'tui', now, sessionKey: sessionKey ?? undefined, cwd, byDeveloper: true, checking }, name, args);
    port.postMessage({ id, envelope });
  } catch (e) {
    port.postMessage({ id, error: (e as Error).message });
  }
});
