#!/usr/bin/env node
// `npm run bench`: the figures of SPEC section 10, as a table. Medians of repeated real runs.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpCalls, httpWriters, mcpCalls, mcpStartup, startServer } from './agent.mjs';
import { writeBigHome } from './big-home.mjs';
import { buildMinimalInk, idleCpu, inPty, stop } from './tui.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'fragments.js');
const homes = [];
const newHome = (label) => {
  const dir = mkdtempSync(join(tmpdir(), `fragments-bench-${label}-`));
  homes.push(dir);
  return dir;
};

function timeRun(args, env = {}) {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(fn, runs = 9) {
  const times = Array.from({ length: runs }, fn).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

const frag = (home, ...args) => () => timeRun([bin, ...args, '--json'], { FRAGMENTS_HOME: home });
const rows = [];
const row = (figure, value, note = '') => rows.push({ figure, value, note });

row('node -e 0 (the floor)', `${median(() => timeRun(['-e', '0'])).toFixed(0)} ms`);
row('fragments --version', `${median(() => timeRun([bin, '--version'])).toFixed(0)} ms`);

const small = newHome('small');
execFileSync(process.execPath, [bin, 'import', join(root, 'examples', 'sprint-plan.md'), '--json'], { env: { ...process.env, FRAGMENTS_HOME: small }, stdio: 'ignore' });
execFileSync(process.execPath, [bin, 'session:start', '--json'], { env: { ...process.env, FRAGMENTS_HOME: small }, stdio: 'ignore' });
execFileSync(process.execPath, [bin, 'task:activate', '--json'], { env: { ...process.env, FRAGMENTS_HOME: small }, stdio: 'ignore' });
const smallList = median(frag(small, 'task:list'));
const smallUpdate = median(frag(small, 'update', 'bench'));
row('task:list --json, example plan (21 tasks)', `${smallList.toFixed(0)} ms`);
row('update, example plan', `${smallUpdate.toFixed(0)} ms`);

const big = newHome('big');
writeBigHome(big);
execFileSync(process.execPath, [bin, 'task:activate', 'T-2', '--json'], { env: { ...process.env, FRAGMENTS_HOME: big }, stdio: 'ignore' });
const bigList = median(frag(big, 'task:list'), 5);
const bigUpdate = median(frag(big, 'update', 'bench'), 5);
row('task:list --json, 10,000 tasks / 100,000 activities', `${bigList.toFixed(0)} ms`, `${(bigList / smallList).toFixed(1)}× the small home`);
row('update, 10,000 tasks / 100,000 activities', `${bigUpdate.toFixed(0)} ms`, `${(bigUpdate / smallUpdate).toFixed(1)}× the small home`);
// doctor reads every file of the home (and each update above kept a copy of what it wrote).
const bigDoctor = median(frag(big, 'doctor'), 3);
row('doctor, 10,000 tasks / 100,000 activities', `${bigDoctor.toFixed(0)} ms`, 'reads every file; not on the path of any other command');

// Concurrent writers: N real processes × M commands each must record exactly N × M activities.
const N = 4;
const M = 25;
const busy = newHome('writers');
execFileSync(process.execPath, [bin, 'session:start', '--json'], { env: { ...process.env, FRAGMENTS_HOME: busy }, stdio: 'ignore' });
const driver = join(root, 'bench', 'log-driver.mjs');
const started = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: N }, (_, w) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [driver, String(w), String(M)], { env: { ...process.env, FRAGMENTS_HOME: busy }, stdio: 'ignore' });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${w} exited ${code}`))));
    }),
  ),
);
const writersMs = Number(process.hrtime.bigint() - started) / 1e6;
const activity = JSON.parse(readFileSync(join(busy, 'activity', 'SESSION-001.json'), 'utf8'));
const logged = activity.activities.filter((a) => a.kind === 'log').length;
row(`concurrent writers: ${N} processes × ${M} log`, `${logged} of ${N * M} recorded`, `${(writersMs / (N * M)).toFixed(1)} ms per command overall`);

// The TUI in a real pty, against a bundled Ink app that renders one line, alternating runs.
const ink = await buildMinimalInk(root);
homes.push(ink.dir);
const tuiHome = newHome('tui');
execFileSync(process.execPath, [bin, 'import', join(root, 'examples', 'sprint-plan.md'), '--json'], { env: { ...process.env, FRAGMENTS_HOME: tuiHome }, stdio: 'ignore' });
execFileSync(process.execPath, [bin, 'session:start', '--json'], { env: { ...process.env, FRAGMENTS_HOME: tuiHome }, stdio: 'ignore' });
execFileSync(process.execPath, [bin, 'task:activate', '--json'], { env: { ...process.env, FRAGMENTS_HOME: tuiHome }, stdio: 'ignore' });
const firstFrames = { ink: [], tui: [] };
for (let i = 0; i < 7; i++) {
  const a = await inPty([ink.file], {}, 'minimal ink frame');
  stop(a.child);
  firstFrames.ink.push(a.ms);
  const b = await inPty([bin], { FRAGMENTS_HOME: tuiHome }, 'Activity');
  stop(b.child);
  firstFrames.tui.push(b.ms);
}
const mid = (list) => list.sort((x, y) => x - y)[Math.floor(list.length / 2)];
row('TUI first frame (pty, example home)', `${mid(firstFrames.tui).toFixed(0)} ms`, `minimal bundled Ink app: ${mid(firstFrames.ink).toFixed(0)} ms`);
const idle = await inPty([bin], { FRAGMENTS_HOME: tuiHome }, 'Activity');
await new Promise((r) => setTimeout(r, 1500));
const cpu = await idleCpu(idle.child, 10);
stop(idle.child);
row('TUI idle CPU over 10 s, timer running', `${cpu.toFixed(1)} %`, 'of one core');
// The agent faces, on a home with a session and an active task.
const agentHome = newHome('agent');
for (const args of [['import', join(root, 'examples', 'sprint-plan.md')], ['session:start'], ['task:activate']]) {
  execFileSync(process.execPath, [bin, ...args, '--json'], { env: { ...process.env, FRAGMENTS_HOME: agentHome }, stdio: 'ignore' });
}
const startups = [];
for (let i = 0; i < 9; i++) startups.push(await mcpStartup(bin, agentHome));
row('MCP: spawn to the initialize answer', `${mid(startups).toFixed(0)} ms`, 'fragments mcp over stdio');
const mcp = await mcpCalls(bin, agentHome);
row('MCP: tools/list answer', `${mcp.listBytes} bytes`, `≈${Math.round(mcp.listBytes / 4)} tokens (bytes ÷ 4); budget 16 KB`);
row('MCP: warm update call', `${mcp.update.median.toFixed(1)} ms`, `p99 ${mcp.update.p99.toFixed(1)} ms; a write: lock, re-read, write`);
row('MCP: warm task_show call', `${mcp.read.median.toFixed(1)} ms`, `p99 ${mcp.read.p99.toFixed(1)} ms`);
const server = await startServer(bin, agentHome);
const http = await httpCalls(server);
row('HTTP: warm POST /api/tasks/update', `${http.median.toFixed(1)} ms`, `p99 ${http.p99.toFixed(1)} ms`);
const CLIENTS = 8;
const EACH = 100;
const writers = await httpWriters(server, CLIENTS, EACH);
row(`HTTP: ${CLIENTS} concurrent clients × ${EACH} update`, `${writers.recorded} of ${CLIENTS * EACH} recorded`, `${CLIENTS * EACH - writers.recorded} lost; ${(writers.ms / (CLIENTS * EACH)).toFixed(1)} ms per update overall`);
await server.stop();

for (const dir of homes) rmSync(dir, { recursive: true, force: true });
const width = Math.max(...rows.map((r) => r.figure.length));
const valueWidth = Math.max(...rows.map((r) => r.value.length));
console.log(`${'figure'.padEnd(width)}  ${'value'.padEnd(valueWidth)}  note`);
console.log(`${'-'.repeat(width)}  ${'-'.repeat(valueWidth)}  ----`);
for (const r of rows) console.log(`${r.figure.padEnd(width)}  ${r.value.padEnd(valueWidth)}  ${r.note}`);
