import { Worker } from 'node:worker_threads';
import { execute } from '../runner/execute.js';
import type { Answer, CommandCatalogue } from '../commands/catalogue.js';
import type { Ctx } from '../runner/define.js';

/**
 * How the screen runs a command: in `sessionKey` (null: the home's current
 * session), telling `checking` when a completion check starts.
 */
export type Execute = (sessionKey: string | null, name: string, args: Record<string, unknown>, checking?: (command: string) => void) => Promise<Answer>;

/** Commands run on the screen's own thread, in `ctx` (tests drive the screen so, with a clock of their own). */
export function inProcess(catalogue: CommandCatalogue, ctx: Ctx): Execute {
  return (sessionKey, name, args, checking) => execute(catalogue, { ...ctx, sessionKey: sessionKey ?? undefined, ...(checking ? { checking } : {}) }, name, args);
}

/** What the command thread needs to build the context the screen's commands run in. */
export interface WorkerData {
  home: string;
  /** The database, when the store is one; its user, resolved (a worker gets data, not functions). */
  url?: string | undefined;
  user?: string | undefined;
  cwd: string;
  /** FRAGMENTS_NOW, when the clock is pinned. */
  pinnedNow: string | undefined;
}

type Reply = { id: number; checking: string } | { id: number; envelope: Answer } | { id: number; error: string };

/**
 * Commands run on a thread of their own (`src/tui/command-worker.ts`), so a
 * long one (parsing a big plan) never stops the screen: the clock ticks and
 * the running line counts on while it works. The thread starts with the first
 * command, or with `start` (once the first frame is out, so its start-up
 * does not delay that frame). `close` ends it; a command cut short by leaving
 * is not acknowledged, like a killed process's.
 */
export function inWorker(url: URL, data: WorkerData): { execute: Execute; start: () => void; close: () => Promise<void> } {
  let thread: ReturnType<typeof spawn> | null = null;
  const start = () => (thread ??= spawn(url, data));
  return {
    execute: (...call) => start().execute(...call),
    start: () => void start(),
    close: () => thread?.close() ?? Promise.resolve(),
  };
}

function spawn(url: URL, data: WorkerData): { execute: Execute; close: () => Promise<void> } {
  const worker = new Worker(url, { workerData: data });
  const pending = new Map<number, { resolve: (e: Answer) => void; reject: (e: Error) => void; checking?: ((command: string) => void) | undefined }>();
  let next = 1;
  worker.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    if ('checking' in reply) return waiting.checking?.(reply.checking);
    pending.delete(reply.id);
    if ('envelope' in reply) waiting.resolve(reply.envelope);
    else waiting.reject(new Error(reply.error));
  });
  worker.on('error', (e) => {
    for (const waiting of pending.values()) waiting.reject(e);
    pending.clear();
  });
  return {
    execute: (sessionKey, name, args, checking) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject, checking });
        worker.postMessage({ id, sessionKey, name, args });
      }),
    close: () => worker.terminate().then(() => undefined),
  };
}
