import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fragmentsJson, tempHome } from '../helpers/cli.js';
import { homeEnv, onPostgres } from '../helpers/store-env.js';

const WRITERS = 8;
const TASKS_EACH = 100;
const WRITER = new URL('./fixtures/writer.mjs', import.meta.url).pathname;

interface Summary {
  id: string;
  ok: number;
  failures: { code: string; error: unknown }[];
}

interface Writer {
  ready: Promise<void>;
  go(): void;
  done: Promise<{ exit: number | null; summary: Summary | null; stderr: string }>;
}

/** Starts one writer process; it loads everything, says `ready`, and waits for `go`. */
function startWriter(home: string, id: number): Writer {
  const child = spawn(process.execPath, [WRITER, String(id), String(TASKS_EACH)], {
    env: { ...process.env, ...homeEnv(home), NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  onTestFinished(() => void child.kill('SIGKILL')); // a no-op once it has exited
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{ exit: number | null; summary: Summary | null; stderr: string }>((resolve) => {
    child.on('close', (exit) => {
      markReady(); // a writer that died before `ready` must not hang the test
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let summary: Summary | null = null;
      try {
        summary = JSON.parse(last) as Summary;
      } catch {
        summary = null;
      }
      resolve({ exit, summary, stderr });
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), done };
}

/** Every *.json file under `dir`, recursively. */
function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

describe('many writers on one home', () => {
  it(`${WRITERS} processes × ${TASKS_EACH} task:create each end with exactly ${WRITERS * TASKS_EACH} tasks and a sound home`, async () => {
    const home = tempHome('writers');
    const sprint = await fragmentsJson(home, ['sprint:create', 'SPRINT-W', '--title', 'Concurrent writers']);
    expect(sprint.success, JSON.stringify(sprint.error)).toBe(true);

    const writers = Array.from({ length: WRITERS }, (_, i) => startWriter(home, i + 1));
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.go();
    const results = await Promise.all(writers.map((w) => w.done));

    for (const [i, r] of results.entries()) {
      const detail = `writer ${i + 1}: exit ${r.exit}\n${JSON.stringify(r.summary?.failures.slice(0, 3))}\n${r.stderr}`;
      expect(r.exit, detail).toBe(0);
      expect(r.summary?.ok, detail).toBe(TASKS_EACH);
    }

    const list = await fragmentsJson(home, ['task:list']);
    expect(list.exit).toBe(0);
    const tasks = (list.data as { tasks: { code: string; sprint: string | null }[] }).tasks;
    expect(tasks.length).toBe(WRITERS * TASKS_EACH);
    const codes = new Set(tasks.map((t) => t.code));
    expect(codes.size).toBe(WRITERS * TASKS_EACH);
    const missing: string[] = [];
    for (let w = 1; w <= WRITERS; w++) {
      for (let t = 1; t <= TASKS_EACH; t++) {
        const code = `W${w}-T${String(t).padStart(3, '0')}`;
        if (!codes.has(code)) missing.push(code);
      }
    }
    expect(missing).toEqual([]);
    expect(tasks.every((t) => t.sprint === 'SPRINT-W')).toBe(true);

    const sprintList = await fragmentsJson(home, ['sprint:list']);
    const sprints = (sprintList.data as { sprints: { code: string; progress: { total: number } }[] }).sprints;
    expect(sprints.map((s) => [s.code, s.progress.total])).toEqual([['SPRINT-W', WRITERS * TASKS_EACH]]);

    const doctor = await fragmentsJson(home, ['doctor']);
    expect(doctor.exit, JSON.stringify(doctor.data)).toBe(0);
    expect(doctor.success).toBe(true);
    expect((doctor.data as { damaged: number }).damaged).toBe(0);

    // A home folder's files each parse (a database keeps its rows whole by itself).
    if (onPostgres) return;
    const files = jsonFiles(home);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow();
    }
  }, 240_000);
});
