#!/usr/bin/env node
// Makes dist/cli.cjs.v8cache: runs the one-shot bundle through the commands an
// agent calls on every turn, on a throwaway copy of the example home, then asks
// V8 for the code it compiled, lazily compiled functions included. Run by
// scripts/build.mjs in a fresh process, so the cache matches a real start.
// Few on purpose: measured (bench/phases.mjs, alternating runs), a cache warmed
// by these three in --json (500 KB) started every command tried 1-2 ms sooner
// than one warmed by fourteen commands in both output forms (600 KB), including
// commands and human output it does not hold: a function deserialised on every
// start costs more than compiling, when used, the few a command lacks.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_CACHE, loadCli } from '../bin/load-cli.js';

const home = mkdtempSync(join(tmpdir(), 'fragments-warm-'));
cpSync('.fragments.example', home, { recursive: true });
const { cli, script } = loadCli();
const env = { ...process.env, FRAGMENTS_HOME: home };
const lines = [
  ['session:resume'],
  ['session:status'],
  ['update', 'warm-up'],
];
const { stdout, stderr } = process;
const writes = [stdout.write, stderr.write];
stdout.write = stderr.write = () => true;
try {
  for (const line of lines) await cli.runCli([...line, '--json'], env);
} finally {
  [stdout.write, stderr.write] = writes;
  process.exitCode = 0;
  rmSync(home, { recursive: true, force: true });
}
writeFileSync(CLI_CACHE, script.createCachedData());
