#!/usr/bin/env node
// Makes dist/cli.cjs.v8cache: runs the one-shot bundle through the commands
// people and agents call most, on a throwaway copy of the example home, then
// asks V8 for the code it compiled, lazily compiled functions included. Run by
// scripts/build.mjs in a fresh process, so the cache matches a real start.
// Rarer paths (import, help, doctor) are left out: a bigger cache costs every
// start its reading, and those compile fine when used.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_CACHE, loadCli } from '../bin/load-cli.js';

const home = mkdtempSync(join(tmpdir(), 'fragments-warm-'));
cpSync('.fragments.example', home, { recursive: true });
const { cli, script } = loadCli();
const env = { ...process.env, FRAGMENTS_HOME: home };
const lines = [
  ['--version'],
  ['session:resume'],
  ['session:status'],
  ['task:list'],
  ['task:activate'],
  ['update', 'warm-up'],
  ['note', 'warm-up'],
  ['log', 'warm-up'],
  ['board'],
  ['done', 'warm-up'],
  ['task:activate'],
  ['done'],
  ['session:pause'],
  ['session:start'],
];
const { stdout, stderr } = process;
const writes = [stdout.write, stderr.write];
stdout.write = stderr.write = () => true;
try {
  for (const line of lines) {
    await cli.runCli([...line, '--json'], env);
    await cli.runCli(line, env);
  }
} finally {
  [stdout.write, stderr.write] = writes;
  process.exitCode = 0;
  rmSync(home, { recursive: true, force: true });
}
writeFileSync(CLI_CACHE, script.createCachedData());
