#!/usr/bin/env node
// `node bench/phases.mjs`: where a one-shot command's time goes above Node's
// own start, phase by phase, as bin/load-cli.js runs it: reading the bundle
// and its code cache, compiling from the cache, running the bundle's top
// level, and the command itself (until the process would exit). Medians of 9
// runs on a copy of the example home, after `npm run build`.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'fragments.js');
const RUNS = 9;

// The steps of bin/load-cli.js, each timed; the command's time ends at process exit.
// Clocks that load nothing: the global `performance` would load perf_hooks (~10 of Node's modules)
// before the command runs, and the one command that needs it (a write's lock) would then get it free.
const probe = `
const now = () => Number(process.hrtime.bigint()) / 1e6;
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { Script } = require('node:vm');
const { CLI_BUNDLE, CLI_CACHE } = require(${JSON.stringify(join(root, 'bin', 'load-cli.js'))});
const start = process.uptime() * 1000;
const t0 = now();
const source = '(function (exports, require, module, __filename, __dirname) {' + readFileSync(CLI_BUNDLE, 'utf8') + '\\n})';
const cachedData = readFileSync(CLI_CACHE);
const t1 = now();
const script = new Script(source, { filename: CLI_BUNDLE, cachedData });
const t2 = now();
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(CLI_BUNDLE), bundle, CLI_BUNDLE, require('node:path').dirname(CLI_BUNDLE));
const t3 = now();
process.on('exit', () => require('node:fs').writeSync(3, JSON.stringify({ start, read: t1 - t0, compile: t2 - t1, top: t3 - t2, command: now() - t3, rejected: script.cachedDataRejected })));
process.argv.splice(1, 0, ${JSON.stringify(bin)});
bundle.exports.main(() => {});
`;

const home = mkdtempSync(join(tmpdir(), 'fragments-phases-'));
cpSync(join(root, '.fragments.example'), home, { recursive: true });
const env = { ...process.env, FRAGMENTS_HOME: home };
const run = (args) => execFileSync(process.execPath, [bin, ...args, '--json'], { env, cwd: tmpdir(), stdio: 'ignore' });
run(['session:resume']);
run(['update', 'phases: ready']);
run(['board']);

const commands = [['--version'], ['session:status'], ['update', 'phases'], ['log', 'phases'], ['session:resume'], ['task:list']];
const rows = [['command', 'Node start', 'read', 'compile', 'top level', 'command', 'cache']];
for (const args of commands) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const { output } = spawnSync(process.execPath, ['-e', probe, '--', ...args, '--json'], { env, cwd: tmpdir(), stdio: ['ignore', 'ignore', 'inherit', 'pipe'] });
    runs.push(JSON.parse(output[3].toString()));
  }
  const ms = (key) => `${median(runs.map((r) => r[key])).toFixed(1)} ms`;
  rows.push([args[0], ms('start'), ms('read'), ms('compile'), ms('top'), ms('command'), runs.some((r) => r.rejected) ? 'rejected' : 'used']);
}
rmSync(home, { recursive: true, force: true });

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const [i, r] of rows.entries()) {
  console.log(`| ${r.map((c, j) => c.padEnd(widths[j])).join(' | ')} |`);
  if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
}
console.log(`\nNode ${process.version}. "Node start" is the time before the loader runs (process start to the first line of it).`);
