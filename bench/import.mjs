// `import` of big plans: a 20,000-line plan and one twice as long (time should
// double, not quadruple), and a plan of 20,000 tasks (time and peak memory).
// The plans are made of the shapes real ones use, repeated: sprints with coded
// checklists and field lines, spec-kit phases with groups, a task table, prose.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summary } from './stats.mjs';

/** A plan of about `lines` lines, each sprint a different mix of shapes. */
export function realisticPlan(lines) {
  const out = ['# Product plan', '', 'What we are building, and in what order.', ''];
  let n = 0;
  for (let s = 1; out.length < lines; s++) {
    out.push(`## Sprint ${s}: Area ${s} (20-30h)`, '', `Goal: ship area ${s}.`, '');
    out.push('### Phase 1: Setup (6-8h)', '', '#### Backend', '');
    for (let k = 0; k < 6; k++) {
      n++;
      out.push(`- [ ] T${n} [P] Implement part ${n} in src/area${s}/part${n}.ts (2h) [high]${k ? ` after T${n - 1}` : ''}`, `  - Estimate: 2h`, `  - A detail about part ${n}, and why it matters.`, '');
    }
    out.push('### Phase 2: Build', '', '| Code | Task | Estimate | Status |', '|---|---|---|---|');
    for (let k = 0; k < 6; k++) {
      n++;
      out.push(`| T${n} | Build piece ${n} of area ${s} | ${1 + (k % 3)}h | ${k % 4 === 0 ? '✅' : 'todo'} |`);
    }
    out.push('', 'Some prose between the phases, as people write it, with `inline code` and a [link](https://example.com).', '');
    out.push('#### Checklist', '', ...Array.from({ length: 6 }, (_, k) => `- [${k % 2 ? 'x' : ' '}] T${++n} Check item ${n} (P${k % 4})`), '');
    out.push('```sh', `npm run build -- --area ${s}`, '```', '');
  }
  return { text: out.slice(0, lines).join('\n') + '\n', tasks: n };
}

/** A plan of `count` tasks: one checklist line each, in sprints of 50. */
export function taskPlan(count) {
  const out = ['# Backlog', ''];
  for (let i = 1; i <= count; i++) {
    if (i % 50 === 1) out.push('', `## Sprint ${Math.ceil(i / 50)}`, '');
    out.push(`- [ ] T${String(i).padStart(5, '0')} Task number ${i} with a title of some length (2h) [high]${i % 50 !== 1 ? ` after T${String(i - 1).padStart(5, '0')}` : ''}`);
  }
  return out.join('\n') + '\n';
}

/** Wall time of `fragments import FILE` into a fresh home, and its peak memory (the in-process build, so the child's own maxRSS is read). */
function timedImport(root, file) {
  const home = mkdtempSync(join(tmpdir(), 'fragments-bench-import-'));
  const script = `const { runCli } = await import(${JSON.stringify(join(root, 'dist', 'fragments.js'))});
const started = performance.now();
const answer = await runCli(['import', ${JSON.stringify(file)}, '--home', ${JSON.stringify(home)}, '--json'], process.env, undefined, { out() {}, err() {} });
if (!answer.success) throw new Error(answer.error.message);
console.log(JSON.stringify({ ms: performance.now() - started, rss: process.resourceUsage().maxRSS }));`;
  try {
    const started = performance.now();
    const child = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: tmpdir() }));
    return { wall: performance.now() - started, ...child };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export function importFigures(root, rounds = 5) {
  const dir = mkdtempSync(join(tmpdir(), 'fragments-bench-plans-'));
  const files = {
    '20k': join(dir, 'plan-20k.md'),
    '40k': join(dir, 'plan-40k.md'),
    tasks: join(dir, 'tasks-20k.md'),
  };
  const plan20 = realisticPlan(20_000);
  writeFileSync(files['20k'], plan20.text);
  writeFileSync(files['40k'], realisticPlan(40_000).text);
  writeFileSync(files.tasks, taskPlan(20_000));
  const runs = { '20k': [], '40k': [], tasks: [] };
  let rss = 0;
  for (let i = 0; i < rounds; i++) {
    for (const key of Object.keys(files)) {
      const run = timedImport(root, files[key]);
      runs[key].push(run.wall);
      if (key === 'tasks') rss = Math.max(rss, run.rss);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return { lines20k: summary(runs['20k']), lines40k: summary(runs['40k']), tasks20k: summary(runs.tasks), rssKb: rss, tasksIn20k: plan20.tasks };
}
