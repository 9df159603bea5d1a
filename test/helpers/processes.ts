import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { storeEnv } from './store-env.js';
import { BIN, ROOT } from './cli.js';

export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  running(): boolean;
}

const live = new Set<ChildProcess>();
// Registered once per test file (this module is evaluated per file): nothing a test started outlives it, stopped or not.
afterAll(() => {
  for (const child of live) {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
});

/** Starts `node file args` (the fragments binary when `file` is BIN) against `home`; killed when the test file ends. */
export function start(home: string, file: string, args: string[], env: NodeJS.ProcessEnv = {}): Spawned {
  const child = spawn(process.execPath, [file, ...args], { env: { ...process.env, FRAGMENTS_HOME: home, NO_COLOR: '1', ...storeEnv(home), ...env }, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  let ended = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      ended = true;
      live.delete(child);
      resolve(code);
    }),
  );
  return { child, stdout: () => out, stderr: () => err, exited, running: () => !ended };
}

/** The fragments executable itself. */
export const fragmentsProcess = (home: string, args: string[], env: NodeJS.ProcessEnv = {}) => start(home, BIN, [...args, '--json'], env);

/** Resolves once the process is stopped (state T in /proc), as FRAGMENTS_STOP_AT makes it stop itself. */
export async function stopped(pid: number, within = 30_000): Promise<void> {
  const deadline = Date.now() + within;
  for (;;) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return;
    if (Date.now() > deadline) throw new Error(`process ${pid} did not stop: ${stat}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
