import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { storeEnv } from './store-env.js';
import type { CommandName, DataOf } from '../../src/commands/catalogue.js';
import type { Envelope } from '../../src/runner/define.js';

/**
 * The data of an answer as a test reads it: for a command named first, the
 * data that command promises (and what a refusal of it adds); for anything
 * else, fields to look at.
 */
/** An answer read off the wire (HTTP, MCP, stdout) by a test that does not say which command gave it. */
export type WireEnvelope = Envelope<Record<string, unknown>>;

export type AnswerTo<Words> = Words extends readonly [infer N, ...unknown[]] ? (N extends CommandName ? DataOf<N> & { failed_checks?: string[] } : Record<string, unknown>) : Record<string, unknown>;

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'fragments.js');

const made: string[] = [];
// Registered once per test file (this module is evaluated per file), so homes made inside tests are removed too.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh home, removed when the test file ends; call it anywhere, inside a test or not. */
export function tempHome(label = 'home'): string {
  const dir = mkdtempSync(join(tmpdir(), `fragments-${label}-`));
  made.push(dir);
  return dir;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `fragments` executable against `home`; `wrap` runs it through another command (e.g. setpriv). */
export function fragments(home: string, args: string[], env: NodeJS.ProcessEnv = {}, wrap: string[] = []): Promise<Run> {
  const [file, ...words] = [...wrap, process.execPath, BIN, ...args];
  return new Promise((resolve, reject) => {
    execFile(
      file!,
      words,
      { env: { ...process.env, FRAGMENTS_HOME: home, NO_COLOR: '1', ...storeEnv(home), ...env }, cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs with --json and parses the one envelope stdout must hold. */
export async function fragmentsJson<const Words extends readonly string[]>(home: string, args: Words, env: NodeJS.ProcessEnv = {}, wrap: string[] = []): Promise<Envelope<AnswerTo<Words>> & { exit: number; stderr: string }> {
  const run = await fragments(home, [...args, '--json'], env, wrap);
  let envelope: Envelope<AnswerTo<Words>>;
  try {
    envelope = JSON.parse(run.stdout) as Envelope<AnswerTo<Words>>;
  } catch {
    throw new Error(`stdout of \`fragments ${args.join(' ')} --json\` is not one JSON document:\n${run.stdout}\n${run.stderr}`);
  }
  return { ...envelope, exit: run.code, stderr: run.stderr };
}

/** A home with a session and one task, T-1, active in it: what writers racing for the lock write to. */
export async function homeWithTask(label: string, title: string): Promise<string> {
  const home = tempHome(label);
  for (const args of [['session:start'], ['task:create', 'T-1', '--title', title], ['task:activate', 'T-1']]) {
    const answer = await fragmentsJson(home, args);
    expect(answer.success, JSON.stringify(answer.error)).toBe(true);
  }
  return home;
}

/** The texts of the current session's activities, in the order they were recorded (by id). */
export async function historyTexts(home: string): Promise<string[]> {
  const history = await fragmentsJson(home, ['history', '--limit', '100000']);
  expect(history.success, JSON.stringify(history.error)).toBe(true);
  return (history.data.activities as { id: number; text: string | null }[]).sort((a, b) => a.id - b.id).map((a) => a.text ?? '');
}

export { spawn };
