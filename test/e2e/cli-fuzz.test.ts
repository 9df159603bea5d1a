/**
 * Hostile argv through the real executable (issue 11, Hardening: Fuzz): the
 * bundle, its error handler and its exit code, which the in-process fuzz
 * (test/unit/cli-fuzz.test.ts) does not see. Fewer runs: each is a process.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitGlobals } from '../../src/cli/globals.js';
import { FragmentsError } from '../../src/domain/errors.js';
import { fragments, tempHome } from '../helpers/cli.js';
import { hostileArgv, TEXT_MAX } from '../helpers/hostile.js';

const STACK_LINE = /^\s+at /m;
const USAGE_CODES = new Set(['USAGE', 'UNKNOWN_COMMAND', 'BAD_DURATION', 'BAD_PLAN', 'FILE_UNREADABLE', 'REQUEST_ID_REUSED']);

/** argv a process can be given, that neither starts a server or the TUI nor names a --home of its own. */
function runnable(argv: string[]): boolean {
  // A process takes no NUL in argv, nor one word over 128 KiB (E2BIG).
  if (argv.some((w) => w.includes('\0') || Buffer.byteLength(w) > 128 * 1024 - 1)) return false;
  try {
    const { words, globals } = splitGlobals(argv);
    return globals.home === undefined && !['mcp', 'serve', 'demo', undefined].includes(words[0]);
  } catch (e) {
    if (e instanceof FragmentsError) return true;
    throw e;
  }
}

describe('the fragments executable, fuzzed', () => {
  const home = tempHome('cli-fuzz');

  it('answers hostile argv with exit 0, 1 or 2, one envelope with --json, and no stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(hostileArgv, fc.boolean(), async (words, json) => {
        const argv = json ? [...words, '--json'] : words;
        fc.pre(runnable(argv));
        const run = await fragments(home, argv);
        expect([0, 1, 2], run.stderr).toContain(run.code);
        expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
        expect(run.stderr).not.toMatch(/Unexpected failure/);
        if (json && !words.includes('--')) {
          expect(run.stdout.endsWith('\n') && run.stdout.indexOf('\n') === run.stdout.length - 1, run.stdout.slice(0, 200)).toBe(true);
          const envelope = JSON.parse(run.stdout) as { success: boolean; error?: { code: string } };
          expect(run.code === 0).toBe(envelope.success);
          if (envelope.error && USAGE_CODES.has(envelope.error.code)) expect(run.code).toBe(2);
        }
      }),
      { numRuns: 20 },
    );
  }, 180_000);

  it('keeps 64 KiB of text whole, refuses one character more with exit 2, and reads `--` as the end of options', async () => {
    expect((await fragments(home, ['session:start', '--json'])).code).toBe(0);
    const text = `-${'é'.repeat(TEXT_MAX - 2)}\x1b`;
    const kept = await fragments(home, ['log', '--json', '--', text]);
    expect(kept.code, kept.stdout.slice(0, 300)).toBe(0);
    expect(JSON.parse(kept.stdout).data.activity.text).toBe(text);
    const over = await fragments(home, ['log', '--json', '--', `${text}x`]);
    expect(over.code).toBe(2);
    expect(JSON.parse(over.stdout).error.message).toMatch(/64 KiB/);
    const dash = await fragments(home, ['log', '-x', '--json']);
    expect(JSON.parse(dash.stdout).data.activity.text).toBe('-x');
  });
});
