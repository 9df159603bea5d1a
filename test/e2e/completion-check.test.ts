/**
 * `done --check`, spawned for real: a failing check refuses and keeps the task
 * active, a passing one completes with its evidence, `--force` closes past a
 * failure with the evidence kept; the configured check, `--no-check`, the time
 * limit, the output tail; and over MCP and HTTP only the configured check runs.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTool, mcpOverStdio, serve } from '../helpers/agent.js';
import { BIN, fragments, fragmentsJson, tempHome } from '../helpers/cli.js';
import type { WireEnvelope } from '../helpers/cli.js';
import { homeEnv } from '../helpers/store-env.js';

type Json = Record<string, any>;

/** A home with one session and an active task that has an update: ready for `done` but for its check. */
async function workingOn(code = 'T-1'): Promise<string> {
  const home = tempHome('check');
  for (const args of [['task:create', code, '--title', 'Ship it'], ['session:start'], ['task:activate', code], ['update', 'wrote it']]) {
    const run = await fragmentsJson(home, args);
    expect(run.success, `${args.join(' ')}: ${JSON.stringify(run.error)}`).toBe(true);
  }
  return home;
}

function configure(home: string, settings: Json): void {
  const path = join(home, 'config.json');
  let config: Json = { schema_version: 1 };
  try {
    config = JSON.parse(readFileSync(path, 'utf8')) as Json;
  } catch {
    // No config yet: the defaults.
  }
  writeFileSync(path, JSON.stringify({ ...config, ...settings }));
}

/** The CLI run in `cwd`, as typed there. */
function inFolder(home: string, cwd: string, args: string[]): Promise<WireEnvelope & { exit: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args, '--json'], { cwd, env: { ...process.env, ...homeEnv(home) } }, (error, stdout) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ ...(JSON.parse(stdout) as WireEnvelope), exit: error ? Number(error.code) : 0 });
    });
  });
}

const task = (e: WireEnvelope) => e.data.task as Json;

describe('done --check', () => {
  it('a failing check refuses, naming its exit code; the task stays active with the evidence kept', async () => {
    const home = await workingOn();
    const run = await fragmentsJson(home, ['done', 'x', '--check', 'echo some output; exit 3']);
    expect(run.exit).toBe(1);
    expect(run.error?.code).toBe('VALIDATION_FAILED');
    expect(run.error?.message).toMatch(/`echo some output; exit 3` exited 3/);
    expect(run.data.failed_checks).toContain('evidence');
    const context = await fragmentsJson(home, ['context']);
    expect((context.data.active_task as Json).code).toBe('T-1');
    expect((context.data.active_task as Json).status).toBe('in_progress');
    expect((context.data.active_task as Json).evidence).toEqual([
      { command: 'echo some output; exit 3', exit_code: 3, seconds: expect.any(Number), at: expect.any(String), output_tail: 'some output\n', timed_out: false },
    ]);
    // Read back beside the command's name, the refusal must not pass for a done.
    const history = await fragments(home, ['history']);
    expect(history.stdout).toMatch(/done refused: `echo some output; exit 3` exited 3/);
  });

  it('a passing check completes the task with its evidence, newest last', async () => {
    const home = await workingOn();
    expect((await fragmentsJson(home, ['done', 'x', '--check', 'false'])).exit).toBe(1);
    const run = await fragmentsJson(home, ['done', 'x', '--check', 'true']);
    expect(run.exit, JSON.stringify(run.error)).toBe(0);
    expect(task(run).status).toBe('completed');
    expect(task(run).incomplete).toBe(false);
    expect((task(run).evidence as Json[]).map((e) => [e.command, e.exit_code])).toEqual([
      ['false', 1],
      ['true', 0],
    ]);
  });

  it('--force after a failing check completes, marked incomplete, with the evidence kept', async () => {
    const home = await workingOn();
    const run = await fragmentsJson(home, ['done', 'x', '--check', 'false', '--force']);
    expect(run.exit).toBe(0);
    expect(task(run)).toMatchObject({ status: 'completed', incomplete: true });
    expect((task(run).evidence as Json[]).map((e) => e.exit_code)).toEqual([1]);
    const shown = await fragmentsJson(home, ['task:show', 'T-1']);
    expect((task(shown).evidence as Json[])[0]!.command).toBe('false');
    const history = await fragmentsJson(home, ['history']);
    expect(JSON.stringify(history.data.activities)).toMatch(/forced past: `false` exited 1/);
  });

  it('runs the configured completion_check by default, in the folder the command was typed in; --no-check skips it and says so', async () => {
    const home = await workingOn();
    const project = tempHome('check-project');
    writeFileSync(join(project, 'marker'), '');
    configure(home, { completion_check: 'test -f marker' });
    const elsewhere = await inFolder(home, tempHome('check-elsewhere'), ['done', 'x']);
    expect(elsewhere.exit).toBe(1);
    expect(elsewhere.error?.message).toMatch(/`test -f marker` exited 1/);
    const after = await fragmentsJson(home, ['task:show', 'T-1']);
    expect((task(after).evidence as Json[]).length).toBe(1);

    const there = await inFolder(home, project, ['done', 'x']);
    expect(there.exit, JSON.stringify(there.error)).toBe(0);
    expect((task(there).evidence as Json[]).at(-1)).toMatchObject({ command: 'test -f marker', exit_code: 0 });

    const next = await workingOn('T-2');
    configure(next, { completion_check: 'false' });
    const noCheck = await fragmentsJson(next, ['done', 'x', '--no-check']);
    expect(noCheck.exit).toBe(0);
    expect(task(noCheck).evidence).toEqual([]);
    expect(noCheck.instructions?.validation_warnings).toContain('the completion check `false` was skipped (--no-check)');
  });

  it('stops a check at check_timeout_seconds; keeps only the last 4 KiB of output, escape sequences inert', async () => {
    const home = await workingOn();
    configure(home, { check_timeout_seconds: 1 });
    const slow = await fragmentsJson(home, ['done', 'x', '--check', 'sleep 30']);
    expect(slow.exit).toBe(1);
    expect(slow.error?.message).toMatch(/`sleep 30` did not finish within 1(\.\d)? s and was stopped/);
    const evidence = (task(slow).evidence as Json[])[0]!;
    expect(evidence).toMatchObject({ exit_code: null, timed_out: true });
    expect(evidence.seconds).toBeLessThan(10);

    const loud = await fragmentsJson(home, ['done', 'x', '--check', `node -e "process.stdout.write('x'.repeat(10000) + '\\x1b[2J\\x1b]0;pwned\\x07 end')"`]);
    const tail = ((task(loud).evidence as Json[]).at(-1)!.output_tail as string);
    expect(tail).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(tail.endsWith('\\x1b[2J\\x1b]0;pwned\\x07 end')).toBe(true);
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(4096 + 64);
    expect(Buffer.byteLength(tail)).toBeGreaterThan(4000);
  });
});

describe('tasks:bulk-complete --check', () => {
  it('runs the check once for the batch: a failure closes none, and each task keeps the evidence', async () => {
    const home = await workingOn();
    expect((await fragmentsJson(home, ['task:create', 'T-2', '--title', 'Two'])).success).toBe(true);
    expect((await fragmentsJson(home, ['task:activate', 'T-2'])).success).toBe(true);
    expect((await fragmentsJson(home, ['update', 'two done'])).success).toBe(true);
    const run = await fragmentsJson(home, ['tasks:bulk-complete', 'T-1,T-2', '--summary', 'both', '--check', 'exit 2']);
    expect(run.exit).toBe(1);
    expect(run.instructions?.validation_errors.filter((e) => e.includes('`exit 2` exited 2'))).toHaveLength(1);
    expect((run.data as { tasks: Json[] }).tasks.map((t) => [t.status, t.evidence.length])).toEqual([
      ['in_progress', 1],
      ['in_progress', 1],
    ]);
    const passed = await fragmentsJson(home, ['tasks:bulk-complete', 'T-1,T-2', '--summary', 'both', '--check', 'true']);
    expect(passed.exit, JSON.stringify(passed.error)).toBe(0);
    expect(passed.data.completed).toEqual(['T-1', 'T-2']);
  });
});

describe('a completion check over MCP and HTTP', () => {
  it('MCP: an arbitrary check command is refused and nothing is run or recorded; check: true runs the configured one', async () => {
    const home = await workingOn();
    const agent = await mcpOverStdio(home);
    await callTool(agent, 'session_start');
    const refused = await callTool(agent, 'done', { summary: 'x', check: `touch ${join(home, 'pwned')} && true` });
    expect(refused.isError).toBe(true);
    expect(refused.envelope.error?.code).toBe('CHECK_NOT_ALLOWED');
    expect(refused.envelope.error?.message).toMatch(/only the configured completion_check may run/);
    const shown = await callTool(agent, 'task_show', { code: 'T-1' });
    expect(task(shown.envelope)).toMatchObject({ status: 'in_progress', evidence: [] });
    expect(existsSync(join(home, 'pwned'))).toBe(false);

    const none = await callTool(agent, 'done', { summary: 'x', check: true });
    expect(none.envelope.error?.code).toBe('NO_COMPLETION_CHECK');
    configure(home, { completion_check: 'true' });
    const done = await callTool(agent, 'done', { summary: 'x', check: true });
    expect(done.isError, done.text).toBe(false);
    expect((task(done.envelope).evidence as Json[]).map((e) => e.command)).toEqual(['true']);
  });

  it('MCP: the configured check cannot be skipped by the agent; force closes past it, marked incomplete', async () => {
    const home = await workingOn();
    configure(home, { completion_check: 'false' });
    const agent = await mcpOverStdio(home);
    await callTool(agent, 'session_start');
    const skip = await callTool(agent, 'done', { summary: 'x', no_check: true });
    expect(skip.envelope.error?.code).toBe('CHECK_NOT_ALLOWED');
    const forced = await callTool(agent, 'done', { summary: 'x', force: true });
    expect(task(forced.envelope)).toMatchObject({ status: 'completed', incomplete: true });
    expect((task(forced.envelope).evidence as Json[]).map((e) => e.command)).toEqual(['false']);
  });

  it('HTTP: a check command is refused with 403 even when X-Source claims the CLI, and so is init', async () => {
    const home = await workingOn();
    const server = await serve(home);
    const post = (path: string, body: Json) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'X-Source': 'cli', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const done = await post('/api/tasks/done', { summary: 'x', check: 'true' });
    expect(done.status).toBe(403);
    expect(((await done.json()) as WireEnvelope).error?.code).toBe('CHECK_NOT_ALLOWED');
    const init = await post('/api/commands/init', { agent: 'claude' });
    expect(init.status).toBe(403);
    expect(((await init.json()) as WireEnvelope).error?.code).toBe('INIT_NOT_ALLOWED');
  });
});
