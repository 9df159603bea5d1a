#!/usr/bin/env node
// Flat cost (issue 11): each command on a home of 10,000 tasks whose session holds
// 100,000 activities, against the same command on a copy of the example home.
// Runs alternate between the two homes so load on the machine hits both alike.
// `node bench/flat.mjs [runs]` after `npm run build`; prints one line per command.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBigHome } from './big-home.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'fragments.js');
const runs = Number(process.argv[2] ?? 9);

const run = (home, args) => {
  const start = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [bin, ...args, '--json'], { env: { ...process.env, FRAGMENTS_HOME: home }, stdio: 'ignore' });
  } catch {
    // A refusal (exit 1) is timed like a success: the cost is the same reading.
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const small = mkdtempSync(join(tmpdir(), 'fragments-flat-small-'));
const big = mkdtempSync(join(tmpdir(), 'fragments-flat-big-'));
cpSync(join(root, '.fragments.example'), small, { recursive: true });
writeBigHome(big, { tasks: 10_000, sessions: 1, activitiesPerSession: 100_000 });
// Both homes end up with an open session in a sprint with an active task; the big
// one is migrated to the current layout by these first commands.
run(small, ['session:resume']);
run(big, ['sprint:activate', 'S-2']);
run(big, ['task:activate', 'T-102']);

// Each case: what to time, and what (untimed) puts the home back in shape first.
const smallTasks = JSON.parse(readFileSync(join(root, '.fragments.example', 'plan.json'), 'utf8')).tasks.map((t) => t.code);
const cases = [
  { name: 'session:status', args: () => ['session:status'] },
  { name: 'update', args: () => ['update', 'bench'] },
  { name: 'note', args: () => ['note', 'bench'] },
  { name: 'log', args: () => ['log', 'bench'] },
  { name: 'session:resume', args: () => ['session:resume'] },
  { name: 'task:activate', args: (home, i) => ['task:activate', home === small ? smallTasks[2 + (i % 2)] : `T-${102 + (i % 2)}`] },
  { name: 'done', before: (home, i) => ['task:activate', home === small ? smallTasks[4 + i] : `T-${110 + i}`], args: () => ['done', 'bench', '--force'] },
  // The next-task choice alone (task:activate with no code), and `next`, whose ready_count spans the whole plan.
  { name: 'task:activate ∅', args: () => ['task:activate'] },
  { name: 'next', args: () => ['next'] },
  { name: 'sprint:show', args: (home) => ['sprint:show', home === small ? 'SPRINT-SESS-1' : 'S-2'] },
  { name: 'task:list', args: () => ['task:list'] },
];
console.log(`median of ${runs} alternating runs, ms: example home | 10k tasks / 100k activities | ratio`);
for (const c of cases) {
  const times = { [small]: [], [big]: [] };
  for (let i = 0; i < runs; i++) {
    for (const home of i % 2 ? [big, small] : [small, big]) {
      if (c.before) run(home, c.before(home, i));
      times[home].push(run(home, c.args(home, i)));
    }
  }
  const s = median(times[small]);
  const b = median(times[big]);
  console.log(`${c.name.padEnd(16)} ${s.toFixed(0).padStart(5)} ${b.toFixed(0).padStart(6)}  ${(b / s).toFixed(2)}×`);
}
rmSync(small, { recursive: true, force: true });
rmSync(big, { recursive: true, force: true });
