#!/usr/bin/env node
// `npm run bench`: the figures of SPEC section 10 as one table. Every figure is
// a median of repeated runs, set against a reference measured in the same run
// (Node's own start-up, the same command on the example home, a minimal Ink
// app), because on a shared machine only a ratio within one run means much.
// Prints the table and writes it, runs and quartiles included, to
// bench/results.json (git-ignored: figures belong to the machine that ran them).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpCalls, mcpCalls, mcpStartup, startServer } from './agent.mjs';
import { mixFigures } from './mix.mjs';
import { importFigures } from './import.mjs';
import { postgresFigures } from './postgres.mjs';
import { writeBigHome } from './big-home.mjs';
import { alternate } from './one-shot.mjs';
import { summary } from './stats.mjs';
import { buildMinimalInk, idleCpu, inPty, stop } from './tui.mjs';
import { cliWriters } from './writers.mjs';
import { canTrace, tuiCpuPerWrite, updateBytes } from './costs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'fragments.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const homes = [];
const newHome = (label) => {
  const dir = mkdtempSync(join(tmpdir(), `fragments-bench-${label}-`));
  homes.push(dir);
  return dir;
};
// Commands run from a folder in no git repository: git's own start (SPEC: a task's
// git context) is measured apart, in a row of its own, not mixed into Fragments' start.
const outside = tmpdir();
const frag = (home, ...args) => execFileSync(process.execPath, [bin, ...args, '--json'], { env: { ...process.env, FRAGMENTS_HOME: home }, stdio: 'ignore', cwd: outside });
const began = Date.now();
const step = (what) => process.stderr.write(`bench: ${Math.round((Date.now() - began) / 1000)} s: ${what}\n`);

const rows = [];
const ratioOf = (value, reference) => {
  const v = typeof value === 'number' ? value : value.median;
  const ref = reference === null ? null : typeof reference === 'number' ? reference : reference.median;
  return ref ? Math.round((v / ref) * 100) / 100 : null;
};
/**
 * One line of the table: `value` against `reference` (summaries of ms, or plain
 * numbers), and what it is. One-shot commands also carry their CPU time
 * against the reference's: `cpu` is { value, reference }.
 */
function row(figure, value, reference, note = '', cpu = null) {
  rows.push({ figure, value, reference, ratio: ratioOf(value, reference), ...(cpu ? { cpu, cpu_ratio: ratioOf(cpu.value, cpu.reference) } : {}), note });
}

// A home as work leaves it: the example plan, its session resumed, a task active with an update.
// `done` and `session:resume` then have something to act on, the same on every copy.
function working(home, task) {
  frag(home, 'session:resume');
  if (task) frag(home, 'task:activate', task);
  frag(home, 'update', 'bench: ready');
}
const example = newHome('example');
cpSync(join(root, '.fragments.example'), example, { recursive: true });
working(example);
step('building the home of 10,000 tasks and 100,000 activities');
const big = newHome('big');
writeBigHome(big);
// The first command migrates the home if its layout is older than this build's; untimed.
working(big, 'T-2');

const commands = [
  ['--version'],
  ['session:status'],
  ['update', 'bench'],
  ['log', 'bench'],
  ['done', 'bench: finished'],
  ['session:resume'],
  // The next-task choice and sprint progress, from the index and the active sprint's file.
  ['next'],
  ['sprint:show'],
  ['task:list'],
  // The newest three of a history of 100,000: the last segment, not the whole history.
  ['history', '--limit', '3'],
];
const label = (args, home) => `${args[0]}${home === big ? ' (big)' : ''}`;
const cases = [{ label: 'floor', args: ['-e', '0'], cwd: outside }];
for (const args of commands) {
  for (const home of args[0] === '--version' ? [null] : [example, big]) {
    cases.push({ label: label(args, home), args: [bin, ...args, '--json'], cwd: outside, ...(home ? { home } : {}), ...(args[0] === 'done' ? { fresh: [bin, 'board', '--json'] } : {}) });
  }
}
cases.push({ label: 'status in git', args: [bin, 'session:status', '--json'], cwd: root, home: example });
step(`one-shot commands: ${ROUNDS} alternating rounds of ${cases.length}`);
const raw = alternate(cases, ROUNDS);
const wall = (key) => summary(raw[key].wall);
const cpuOf = (key, ref) => ({ value: summary(raw[key].cpu), reference: summary(raw[ref].cpu) });
const floor = wall('floor');
row('node -e 0 (the floor)', floor, null, 'Node starting and exiting', { value: summary(raw.floor.cpu), reference: null });
for (const args of commands) {
  const key = label(args, args[0] === '--version' ? null : example);
  const goal = args[0] === 'session:status' || args[0] === 'update' ? '1.25' : '1.5';
  row(`fragments ${args[0]}`, wall(key), floor, `${args[0] === '--version' ? '' : 'example home; '}vs the floor; goal ≤ ${goal}×`, cpuOf(key, 'floor'));
}
row('fragments session:status, inside a git work tree', wall('status in git'), wall('session:status'), 'vs the same outside one: git status for the task\'s git context', cpuOf('status in git', 'session:status'));
for (const args of commands.slice(1)) {
  const goal = args[0] === 'task:list' ? 'goal ≤ 1.5× (its answer grows with the plan)' : 'goal ≤ 1.1×';
  const [key, ref] = [label(args, big), label(args, example)];
  row(`fragments ${args[0]}, 10k tasks / 100k activities`, wall(key), wall(ref), `vs the example home; ${goal}`, cpuOf(key, ref));
}

step('bytes one update writes (strace), on both homes');
if (canTrace()) {
  const [small, large] = [updateBytes(bin, example, outside), updateBytes(bin, big, outside)];
  row('bytes written by one update, example home', small.median, null, `median of ${small.runs.length} in a row, max ${small.max}; files only (not stdout)`);
  row('bytes written by one update, 10k tasks / 100k activities', large.median, small.median, `vs the example home; goal ≤ 2×; max ${large.max}`);
} else {
  row('bytes written by one update', 0, null, 'not measured: strace cannot trace here');
}

step('import: a 20,000-line plan, a 40,000-line one, a plan of 20,000 tasks');
const imports = importFigures(root);
row('import of a 20,000-line plan (process start to answer)', imports.lines20k, null, `${imports.tasksIn20k} tasks; goal ≤ 2000 ms`);
row('import of a 40,000-line plan', imports.lines40k, imports.lines20k, 'vs the 20,000-line plan; goal ≤ 2.5×');
row('import of a plan of 20,000 tasks', imports.tasks20k, null, `peak memory ${Math.round(imports.rssKb / 1024)} MB`);

step('TUI: first frame in a pty, against a minimal Ink app; then 10 s idle');
const ink = await buildMinimalInk(root);
homes.push(ink.dir);
const tuiHome = newHome('tui');
cpSync(example, tuiHome, { recursive: true });
const frames = { ink: [], tui: [] };
for (let i = 0; i < 7; i++) {
  const a = await inPty([ink.file], {}, 'minimal ink frame');
  stop(a.child);
  frames.ink.push(a.ms);
  const b = await inPty([bin], { FRAGMENTS_HOME: tuiHome }, 'Activity');
  stop(b.child);
  frames.tui.push(b.ms);
}
row('TUI first frame (pty, example home)', summary(frames.tui), summary(frames.ink), 'vs a bundled Ink app that renders one line');
const idle = await inPty([bin], { FRAGMENTS_HOME: tuiHome }, 'Activity');
await new Promise((r) => setTimeout(r, 1500));
const cpu = await idleCpu(idle.child, 10);
stop(idle.child);
row('TUI idle CPU, timer running (% of one core)', Math.round(cpu * 100) / 100, null, 'over 10 s; goal < 2%');
step('TUI: CPU per write of an agent, example home and the big one');
const followSmall = await tuiCpuPerWrite(bin, tuiHome, outside);
const bigTui = newHome('big-tui');
cpSync(big, bigTui, { recursive: true });
const followBig = await tuiCpuPerWrite(bin, bigTui, outside);
row('TUI CPU per agent write (ms), example home', followSmall, null, '15 CLI updates 450 ms apart, less the same span idle; goal ≤ 10 ms');
row('TUI CPU per agent write (ms), 10k tasks / 100k activities', followBig, followSmall, 'vs the example home; goal ≤ 10 ms, flat in the plan');

// What the sections above wrote (copies of the big home among it) goes to disk now:
// else the servers' fsyncs below wait behind its write-back and measure that instead.
execFileSync('sync');
step('MCP over stdio: start-up, warm calls');
const agentHome = newHome('agent');
cpSync(example, agentHome, { recursive: true });
const startups = [];
for (let i = 0; i < 9; i++) startups.push(await mcpStartup(bin, agentHome));
row('MCP: spawn to the initialize answer', summary(startups), floor, 'vs the floor');
const mcp = await mcpCalls(bin, agentHome);
row('MCP: tools/list answer (bytes)', mcp.listBytes, 16_384, `≈${Math.round(mcp.listBytes / 4)} tokens; vs a budget of 16 KiB`);
row('MCP: warm update call', mcp.update, null, `p99 ${mcp.update.p99} ms; a write: lock, re-read, fsync`);
row('MCP: warm task_show call', mcp.read, null, `p99 ${mcp.read.p99} ms`);

step('HTTP: warm calls, then the writer mix (REST, MCP over HTTP, MCP stdio) at 16 and 50');
const server = await startServer(bin, agentHome);
const http = await httpCalls(server);
row('HTTP: warm GET /api/sessions/current', http.status, null, `p99 ${http.status.p99} ms`);
row('HTTP: warm POST /api/tasks/update', http.update, null, `p99 ${http.update.p99} ms`);
for (const figures of await mixFigures({ bin, home: agentHome, server })) row(...figures);
await server.stop();

const WRITERS = 8;
const EACH = 100;
step(`CLI writers: ${WRITERS} processes × ${EACH} update`);
const busy = newHome('writers');
cpSync(example, busy, { recursive: true });
const viaCli = await cliWriters(bin, busy, WRITERS, EACH);
row(`CLI writers: ${WRITERS} × ${EACH} fragments update (commands/s)`, Math.round((WRITERS * EACH * 1000) / viaCli.ms), null, `${viaCli.acknowledged - viaCli.recorded} lost of ${viaCli.acknowledged} acknowledged (must be 0)`);

step('PostgreSQL store: one-shot commands beside the home folder, then two people\'s writers');
for (const figures of await postgresFigures({ root, bin, example, rounds: ROUNDS, outside })) row(...figures);

for (const dir of homes) rmSync(dir, { recursive: true, force: true });

const show = (x) => (x === null ? '' : typeof x === 'number' ? String(x) : `${x.median} ms`);
const times = (x) => (x === null ? '' : `${x.toFixed(2)}×`);
const table = [
  ['figure', 'median', 'reference', 'ratio', 'CPU', 'CPU ratio', 'note'],
  ...rows.map((r) => [r.figure, show(r.value), show(r.reference), times(r.ratio), r.cpu ? show(r.cpu.value) : '', times(r.cpu_ratio ?? null), r.note]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((cells) => cells[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log([line(table[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.slice(1).map(line)].join('\n'));
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, rounds: ROUNDS, at: new Date().toISOString() };
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify({ machine, rows }, null, 2)}\n`);
console.log(`\nNode ${machine.node}, ${machine.cpus} cores. One-shot commands: medians of ${ROUNDS} alternating rounds, wall time from spawn to exit and CPU time (user + system). Also in bench/results.json.`);
