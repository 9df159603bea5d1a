import type { Evidence } from '../domain/plan.js';
import { printable } from '../domain/printable.js';

/** How much of a check's output is kept on the task: the end, where test runners put their verdict. */
export const OUTPUT_TAIL_BYTES = 4096;

/** After the time limit the check's process group gets SIGTERM, and this long later SIGKILL. */
const KILL_GRACE_MS = 2000;

/**
 * Runs a completion check through the shell in `cwd`, with a time limit, and
 * keeps the end of its output. Never throws: a command that cannot start, or
 * that is stopped at the limit, is evidence too (with no exit code).
 */
export function runCheckCommand(command: string, cwd: string, timeoutSeconds: number, now: () => Date): Promise<Evidence> {
  const started = performance.now();
  const at = now().toISOString();
  const tail = new TailBuffer(OUTPUT_TAIL_BYTES);
  return new Promise((resolve) => {
    // Loaded here, not imported: node:child_process brings net, dgram and streams,
    // a few ms of every start, and few commands run a check.
    const { spawn } = process.getBuiltinModule('node:child_process');
    // Its own process group, so the time limit stops what the shell started too (a test runner's workers).
    const child = spawn(command, { shell: true, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    let timedOut = false;
    let failedToStart: Error | null = null;
    const stop = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const limit = setTimeout(() => {
      timedOut = true;
      stop('SIGTERM');
      setTimeout(() => stop('SIGKILL'), KILL_GRACE_MS).unref();
    }, timeoutSeconds * 1000);
    child.stdout.on('data', (chunk: Buffer) => tail.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => tail.push(chunk));
    child.on('error', (e) => {
      failedToStart = e;
    });
    child.on('close', (code) => {
      clearTimeout(limit);
      const note = timedOut ? `\n[stopped by fragments after ${timeoutSeconds} s]` : failedToStart ? `\n[could not run: ${failedToStart.message}]` : '';
      resolve({
        command,
        exit_code: timedOut || failedToStart ? null : code,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        at,
        output_tail: inertOutput(tail.text() + note),
        timed_out: timedOut,
      });
    });
  });
}

/** The last `limit` bytes seen, without holding the whole output of a long test run. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.chunks.length > 1 && this.size - this.chunks[0]!.length >= this.limit) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    let cut = all.subarray(Math.max(0, all.length - this.limit));
    // Start on a whole character: skip UTF-8 continuation bytes the cut left at the front.
    let skip = 0;
    while (skip < cut.length && skip < 3 && (cut[skip]! & 0xc0) === 0x80) skip++;
    cut = cut.subarray(skip);
    return cut.toString('utf8');
  }
}

/**
 * Output as lines a screen may show: line breaks are kept, a carriage return
 * keeps what a terminal would have left on the line (progress bars redraw
 * with it), and every other control character is escaped, so colours and
 * cursor moves from a test runner can never drive the screen that shows them.
 */
export function inertOutput(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\r+$/, ''))
    .map((line) => printable(line.slice(line.lastIndexOf('\r') + 1)))
    .join('\n');
}
