/**
 * Fuzz of the slash-line and argv parsers (issue 11, Hardening: Fuzz), in
 * process so thousands of lines take seconds. Whatever the line, the answer is
 * a parsed call or a usage error (FragmentsError USAGE, exit 2): never a
 * TypeError, never a word silently dropped. The spawned binary gets a smaller
 * share in test/e2e/cli-fuzz.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitGlobals } from '../../src/cli/globals.js';
import { catalogue } from '../../src/commands/catalogue.js';
import { parseLine } from '../../src/syntax/line.js';
import { checkArgumentNames } from '../../src/runner/arguments.js';
import { argsFromWords, tokenize } from '../../src/syntax/words.js';
import { FragmentsError } from '../../src/domain/errors.js';
import { complete, hint } from '../../src/tui/completion.js';
import { emptyPrompt, promptReducer } from '../../src/tui/prompt-state.js';
import { hostileArgv, hostileLine, hostileWord, OBJECT_NAMES } from '../helpers/hostile.js';

/** Runs `fn`; a throw must be a usage error, anything else (a TypeError…) fails the property with its stack. */
function parsedOrUsage<T>(fn: () => T): T | FragmentsError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FragmentsError && e.code === 'USAGE') return e;
    throw e;
  }
}

describe('the slash-line parser, fuzzed', () => {
  it('answers any line with a call, nothing, or a usage error', () => {
    fc.assert(
      fc.property(hostileLine, (line) => {
        const out = parsedOrUsage(() => parseLine(catalogue, line));
        if (out instanceof FragmentsError) expect(out.message).not.toMatch(/^\s+at /m);
        else if (out) {
          expect(typeof out.name).toBe('string');
          // Only arguments the command declares reach zod.
          const command = catalogue.find(out.name);
          if (command) for (const key of Object.keys(out.args)) expect(Object.hasOwn(command.args, key), key).toBe(true);
        }
      }),
      { numRuns: 4000 },
    );
  });

  it('completes (Tab) and hints any line being typed without throwing: a throw there ends the TUI', () => {
    const sources = { tasks: [{ code: 'T-1', status: 'pending' }], sprints: ['S-1'], sessions: ['SESSION-001'] };
    fc.assert(
      fc.property(hostileLine, (line) => {
        const { from, candidates } = complete(catalogue, line, sources);
        expect(from).toBeGreaterThanOrEqual(0);
        expect(from).toBeLessThanOrEqual(line.length);
        expect(Array.isArray(candidates)).toBe(true);
        hint(catalogue, line);
      }),
      { numRuns: 3000 },
    );
  });

  it('Tab and Ctrl+W on a pasted 64 KiB word answer at once (a quadratic regex there froze the TUI for a minute)', () => {
    // The requirement is about time (the prompt must not freeze), so the bound is the test's timeout.
    const line = `/update ${'x'.repeat(64 * 1024)} a`;
    expect(complete(catalogue, line, { tasks: [], sprints: [], sessions: [] }).from).toBe(line.length - 1);
    const typed = promptReducer(emptyPrompt, { type: 'insert', text: line });
    expect(promptReducer(typed, { type: 'deleteWord' }).text).toBe(line.slice(0, -1));
    const left = { ...typed, cursor: line.length - 2 };
    expect(promptReducer(left, { type: 'deleteWord' }).text).toBe('/update  a');
  }, 5000);

  it('a line that parses gives arguments zod can judge without throwing', () => {
    fc.assert(
      fc.property(hostileLine, (line) => {
        const out = parsedOrUsage(() => parseLine(catalogue, `/update ${line}`));
        if (out instanceof FragmentsError || !out) return;
        const command = catalogue.find(out.name)!;
        checkArgumentNames(command, out.args);
        command.schema().safeParse(out.args);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the argv parser, fuzzed', () => {
  it('splits the shared options from any argv, or refuses it as usage', () => {
    fc.assert(
      fc.property(hostileArgv, (argv) => {
        const out = parsedOrUsage(() => splitGlobals(argv));
        if (out instanceof FragmentsError) return;
        // What is left is argv in order, less the shared options.
        let at = 0;
        for (const word of out.words) {
          at = argv.indexOf(word, at);
          expect(at, `${JSON.stringify(word)} was not in argv`).toBeGreaterThanOrEqual(0);
          at++;
        }
      }),
      { numRuns: 4000 },
    );
  });

  it("maps any words onto every command's arguments, or refuses them as usage", () => {
    const commands = catalogue.commands;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: commands.length - 1 }), fc.array(hostileWord, { maxLength: 8 }), (i, words) => {
        const command = commands[i]!;
        const args = parsedOrUsage(() => argsFromWords(command, words));
        if (args instanceof FragmentsError) return;
        for (const key of Object.keys(args)) expect(Object.hasOwn(command.args, key), key).toBe(true);
        command.schema().safeParse(args);
      }),
      { numRuns: 4000 },
    );
  });
});

describe('free text, word for word', () => {
  // Plain words: nothing a shell or the parser treats specially, so the text must come back whole.
  const plain = fc.oneof(
    fc.constantFrom(...OBJECT_NAMES),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).filter((w) => !/[\s"'\\]/.test(w) && !w.startsWith('-')),
  );

  it('keeps every word of `fragments log …` (a word like "constructor" was once taken for an option)', () => {
    fc.assert(
      fc.property(fc.array(plain, { minLength: 1, maxLength: 6 }), (words) => {
        const { words: left } = splitGlobals(['log', ...words]);
        expect(left).toEqual(['log', ...words]);
        expect(argsFromWords(catalogue.find('log')!, left.slice(1))).toEqual({ text: words.join(' ') });
        expect(parseLine(catalogue, `/log ${words.join(' ')}`)).toEqual({ name: 'log', args: { text: words.join(' ') } });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses an option named like an object property as unknown, not with an internal error', () => {
    for (const name of OBJECT_NAMES) {
      for (const words of [[`--${name}`, 'x'], [`--${name}=1`]]) {
        expect(() => argsFromWords(catalogue.find('update')!, words)).toThrow(new RegExp(`unknown option --${name}`));
      }
      expect(() => checkArgumentNames(catalogue.find('update')!, { text: 'x', [name]: 1 })).toThrow(/unknown option/);
      expect(() => tokenize(`/update --${name}`)).not.toThrow();
    }
  });
});
