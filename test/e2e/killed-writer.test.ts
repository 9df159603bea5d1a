import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fragmentsJson, tempHome } from '../helpers/cli.js';
import { homeEnv } from '../helpers/store-env.js';

const KILLS = 50;
/** Big descriptions make plan.json large, so more kills land while it is being written. */
const DESCRIPTION_BYTES = 32 * 1024;
const STREAM = new URL('./fixtures/stream.mjs', import.meta.url).pathname;

/** A random whole number of milliseconds in [low, high]. */
const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

interface Stream {
  child: ChildProcess;
  tried: string[];
  acknowledged: string[];
  failures: string[];
  /** Resolves at the first `ok` line, or when the process ends without one. */
  firstOk: Promise<void>;
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the stream driver at task number `from`, collecting its marker lines. */
function startStream(home: string, from: number): Stream {
  const child = spawn(process.execPath, [STREAM, String(from), String(DESCRIPTION_BYTES)], {
    env: { ...process.env, ...homeEnv(home), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stream: Stream = { child, tried: [], acknowledged: [], failures: [], firstOk: Promise.resolve(), closed: Promise.resolve({ code: null, signal: null }) };
  let sawOk: () => void = () => {};
  stream.firstOk = new Promise<void>((resolve) => (sawOk = resolve));
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!; // a line is only counted once complete
    for (const line of lines) {
      const [word, code] = line.split(' ');
      if (word === 'try') stream.tried.push(code!);
      else if (word === 'ok') {
        stream.acknowledged.push(code!);
        sawOk();
      } else stream.failures.push(line);
    }
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  stream.closed = new Promise((resolve) => {
    child.on('close', (code, signal) => {
      if (stderr.trim()) stream.failures.push(`stderr: ${stderr.trim()}`);
      sawOk();
      resolve({ code, signal });
    });
  });
  return stream;
}

/** Every *.json file under `dir`, recursively. */
function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

describe('a writer killed at random moments', () => {
  it(`survives ${KILLS} SIGKILLs: every file readable, every acknowledged task kept`, async () => {
    const home = tempHome('killed');
    const tried: string[] = [];
    const acknowledged: string[] = [];
    let next = 1;
    let blindKills = 0;

    let current: Stream | null = null;
    onTestFinished(() => void current?.child.kill('SIGKILL')); // never leave a stream running

    for (let kill = 1; kill <= KILLS; kill++) {
      const stream = startStream(home, next);
      current = stream;
      // Most kills land at a random moment after the run has written at least once,
      // so writes succeed between kills; every fifth lands blind, 30–400 ms after
      // start (while loading, waiting for a stale lock, or writing).
      if (kill % 5 === 0) blindKills++;
      else await stream.firstOk;
      await new Promise((resolve) => setTimeout(resolve, between(30, 400)));
      stream.child.kill('SIGKILL');
      const end = await stream.closed;

      expect(stream.failures, `run ${kill} reported failures`).toEqual([]);
      expect(end.signal, `run ${kill} ended on its own (exit ${end.code})`).toBe('SIGKILL');
      tried.push(...stream.tried);
      acknowledged.push(...stream.acknowledged);
      // The task in flight at the kill may or may not be on disk: continue after it.
      const last = stream.tried.at(-1);
      if (last) next = Number(last.slice(2)) + 1;
    }

    // Writes did happen between kills: at least one per aimed run.
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS - blindKills);

    const doctor = await fragmentsJson(home, ['doctor']);
    expect(doctor.exit, JSON.stringify(doctor.data)).toBe(0);
    expect(doctor.success).toBe(true);
    expect((doctor.data as { damaged: number }).damaged).toBe(0);
    for (const file of jsonFiles(home)) {
      expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow();
    }

    const list = await fragmentsJson(home, ['task:list']);
    expect(list.exit).toBe(0);
    const codes = (list.data as { tasks: { code: string }[] }).tasks.map((t) => t.code);
    const present = new Set(codes);
    expect(present.size, 'no task is duplicated').toBe(codes.length);
    expect(acknowledged.filter((code) => !present.has(code)), 'acknowledged tasks missing').toEqual([]);
    const triedSet = new Set(tried);
    expect(codes.filter((code) => !triedSet.has(code)), 'tasks nobody asked for').toEqual([]);
    // Only the command in flight at a kill may be there without its `ok`.
    expect(codes.length - acknowledged.length).toBeLessThanOrEqual(KILLS);

    // The home still takes writes after all that.
    const after = await fragmentsJson(home, ['task:create', 'K-AFTER', '--title', 'After the kills']);
    expect(after.success, JSON.stringify(after.error)).toBe(true);
  }, 300_000);
});
