#!/usr/bin/env node
// Rebuilds .fragments.example/ from examples/sprint-plan.md by driving the real CLI
// at pinned times, so the example home is exactly what Fragments itself writes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'fragments-example-'));
const at = (minutes) => new Date(Date.UTC(2026, 10, 23, 9, 0) + minutes * 60_000).toISOString();

function run(minutes, ...args) {
  execFileSync(process.execPath, [join(root, 'bin/fragments.js'), ...args, '--json'], {
    cwd: root,
    env: { ...process.env, FRAGMENTS_HOME: home, FRAGMENTS_NOW: at(minutes) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

run(0, 'import', 'examples/sprint-plan.md');
run(1, 'session:start', '--agent', 'claude');
run(2, 'sprint:activate', 'SPRINT-SESS-1');
run(3, 'task:activate', 'T-SESS-01-DB');
run(20, 'update', 'Sessions, activities and time entries get their own tables');
run(41, 'update', 'Migration written and applied on a scratch database');
run(45, 'artifact', 'db/migrations/001_sessions.sql', 'schema for sessions');
run(63, 'done', 'Schema and migration in place; indexes on session and task');
run(64, 'task:activate');
run(80, 'update', 'Session and Activity models with zod validation');
run(95, 'note', 'Keep time entries separate from sessions so history stays cheap');
run(110, 'log', 'Paused for review of the model names');
run(112, 'session:pause', 'lunch');

const target = join(root, '.fragments.example');
rmSync(target, { recursive: true, force: true });
cpSync(home, target, { recursive: true, filter: (src) => !src.includes(`${home}/backups`) && !src.endsWith('.lock') });
rmSync(home, { recursive: true, force: true });
console.log(`wrote ${target}`);
