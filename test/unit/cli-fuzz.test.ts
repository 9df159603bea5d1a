/**
 * `runCli` fed hostile argv in process (issue 11, Hardening: Fuzz): every line
 * ends in one envelope — success, a failure the user can act on, or a usage
 * error with exit 2 — and never in a throw, an INTERNAL error or a stack trace.
 * Commands really run, against a temporary home, from a temporary folder so a
 * relative path in the fuzz lands there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitGlobals } from '../../src/cli/globals.js';
import { catalogue } from '../../src/commands/catalogue.js';
import { exitCode } from '../../src/runner/envelope.js';
import { FragmentsError } from '../../src/domain/errors.js';
import { hostileArgv } from '../helpers/hostile.js';
import { runInProcess } from '../helpers/in-process.js';

const STACK_LINE = /^\s+at /m;
/** Error codes that say the line itself was wrong: SPEC 3, exit 2. */
const USAGE_CODES = new Set(['USAGE', 'UNKNOWN_COMMAND', 'BAD_DURATION', 'BAD_PLAN', 'FILE_UNREADABLE', 'NO_PLAN_FOUND', 'REQUEST_ID_REUSED']);

let dir: string;
let cwd: string;
beforeAll(() => {
  cwd = process.cwd();
  dir = mkdtempSync(join(tmpdir(), 'fragments-cli-fuzz-'));
  process.chdir(dir);
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Lines left out: those that would start a server or the TUI and never return
 * (not a parser's business), those that read standard input (`import -`, which
 * waits for its input as a server waits for requests), and a --home outside the
 * temporary folder.
 */
function leftOut(argv: string[]): boolean {
  try {
    const { words, globals } = splitGlobals(argv);
    const name = words[0];
    if (globals.home !== undefined && !resolve(dir, globals.home).startsWith(`${dir}/`)) return true;
    if (name !== undefined && catalogue.find(name)?.stdin && words.slice(1).includes('-')) return true;
    return name === 'mcp' || name === 'serve' || name === undefined || name === 'demo';
  } catch (e) {
    if (e instanceof FragmentsError) return false;
    throw e;
  }
}

describe('runCli, fuzzed in process', () => {
  it('answers hostile argv with one envelope, exit 0, 1 or 2, and exit 2 for usage errors', async () => {
    const home = join(dir, 'home');
    await fc.assert(
      fc.asyncProperty(hostileArgv, fc.boolean(), async (words, json) => {
        const argv = json ? [...words, '--json'] : words;
        fc.pre(!leftOut(argv));
    const { envelope, out, err, exit } = await runInProcess(argv, { FRAGMENTS_HOME: home });
        expect(envelope).not.toBeNull();
        expect(envelope!.error?.code, envelope!.error?.message).not.toBe('INTERNAL');
        expect(exit).toBe(exitCode(envelope!));
        if (!envelope!.success && USAGE_CODES.has(envelope!.error!.code)) expect(exit).toBe(2);
        expect(out + err).not.toMatch(STACK_LINE);
        // With --json (even on a line it cannot read) stdout is that one envelope; after `--` it is text.
        if (json && !words.includes('--')) expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(envelope)));
      }),
      { numRuns: 600 },
    );
  }, 120_000);

  it('refuses a 64 KiB duration at once (its regexes were quadratic: one call froze an MCP or HTTP server for a minute)', async () => {
    // The requirement is about time (a served home answers everyone), so the bound is the test's timeout.
    const home = join(dir, 'durations');
    for (const estimate of [`1-${'a'.repeat(64 * 1024)}1`, `1${' '.repeat(64 * 1024)}x`]) {
      const { envelope, exit } = await runInProcess(['task:create', 'T-1', '--title', 'x', '--estimate', estimate, '--json'], { FRAGMENTS_HOME: home });
      expect(envelope!.error?.code).toBe('BAD_DURATION');
      expect(exit).toBe(2);
    }
  }, 5000);
});
