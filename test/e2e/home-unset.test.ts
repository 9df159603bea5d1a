/**
 * `HOME` unset (issue 11, Hardening: Faults). With FRAGMENTS_HOME the home is
 * known and nothing else needs HOME; without either, Fragments must say what
 * to set rather than guess a folder from the user database (or fail on it
 * with a misleading "permission denied").
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fragments, fragmentsJson, tempHome } from '../helpers/cli.js';
import { unprivileged } from '../helpers/unprivileged.js';

const STACK_LINE = /^\s+at /m;
/** Undefined values are left out of the child's environment, overriding what the helper sets. */
const withoutHome = (): NodeJS.ProcessEnv => ({ HOME: undefined, FRAGMENTS_HOME: undefined });

describe('HOME unset', () => {
  it('changes nothing when FRAGMENTS_HOME names the home', async () => {
    const home = tempHome('no-home-var');
    const env = { HOME: undefined };
    for (const args of [['session:start'], ['update', 'no HOME needed'], ['history']]) {
      const answer = await fragmentsJson(home, args, env);
      expect(answer.success, `${args[0]}: ${JSON.stringify(answer.error)}`).toBe(true);
    }
  });

  // As root the CLI runs as nobody (home /nonexistent in the user database), so the real ~/.fragments is never at risk.
  it.skipIf(unprivileged.wrap.length === 0 || unprivileged.skip !== undefined)('without FRAGMENTS_HOME or --home: a clear error that says what to set; help still answers', async () => {
    const dir = tempHome('home-unset');
    unprivileged.handOver(dir);
    const start = await fragmentsJson('', ['session:start'], withoutHome(), unprivileged.wrap);
    expect(start.error?.code, start.error?.message).toBe('HOME_UNSET');
    expect(start.exit).toBe(1);
    expect(start.error?.message).toMatch(/HOME is not set[\s\S]*FRAGMENTS_HOME[\s\S]*--home/);
    expect(start.stderr).not.toMatch(STACK_LINE);
    const human = await fragments('', ['update', 'x'], withoutHome(), unprivileged.wrap);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^✗ HOME is not set/);

    const help = await fragments('', ['help'], withoutHome(), unprivileged.wrap);
    expect(help.code).toBe(0);
    // --home still works, and nothing was made anywhere else.
    const home = join(dir, 'home');
    const given = await fragmentsJson('', ['session:start', '--home', home], withoutHome(), unprivileged.wrap);
    expect(given.success, JSON.stringify(given.error)).toBe(true);
    expect(existsSync('/nonexistent')).toBe(false);
  });
});
