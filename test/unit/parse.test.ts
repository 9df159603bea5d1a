import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { splitGlobals } from '../../src/cli/globals.js';
import { catalogue } from '../../src/commands/catalogue.js';
import { usageLine } from '../../src/runner/arguments.js';
import { fieldKind, looksLikeOption } from '../../src/runner/fields.js';
import { argsFromWords, tokenize } from '../../src/syntax/words.js';
import { renderInvocation, shellQuote } from '../../src/runner/invocation.js';

const command = (name: string) => catalogue.find(name)!;

describe('tokenize', () => {
  it('splits a prompt line like a shell', () => {
    expect(tokenize(`/update "Created the migration" --request-id a1`)).toEqual(['/update', 'Created the migration', '--request-id', 'a1']);
    expect(tokenize(`note it's  fine`.replace("'", "\\'"))).toEqual(['note', "it's", 'fine']);
    expect(tokenize(`done 'say "hi"'`)).toEqual(['done', 'say "hi"']);
    expect(tokenize(`log ""`)).toEqual(['log', '']);
  });

  it('takes an apostrophe or inch mark inside a word as text, as people write free text', () => {
    expect(tokenize(`/note it's a test`)).toEqual(['/note', "it's", 'a', 'test']);
    expect(tokenize(`/update don't panic, O'Brien's 27" screen`)).toEqual(['/update', "don't", 'panic,', "O'Brien's", '27"', 'screen']);
    expect(tokenize(`task:create T-1 --title="two words"`)).toEqual(['task:create', 'T-1', '--title=two words']);
  });

  it('refuses an unclosed quote instead of guessing', () => {
    expect(() => tokenize('update "half')).toThrow(/Unclosed " quote/);
  });
});

describe('argsFromWords', () => {
  it('takes free text as the rest of the line, quoted or not', () => {
    expect(argsFromWords(command('update'), ['Created', 'migration', 'files'])).toEqual({ text: 'Created migration files' });
    expect(argsFromWords(command('done'), ['All green', '--force'])).toEqual({ summary: 'All green', force: true });
  });

  it('fills positionals in order, then flags', () => {
    expect(argsFromWords(command('task:create'), ['T-9', '--title', 'Nine', '--depends', 'T-1,T-2'])).toEqual({
      code: 'T-9',
      title: 'Nine',
      depends: 'T-1,T-2',
    });
    expect(argsFromWords(command('artifact'), ['src/a.ts', 'the', 'parser'])).toEqual({ ref: 'src/a.ts', text: 'the parser' });
  });

  it('names an unknown option and the closest one', () => {
    expect(() => argsFromWords(command('task:create'), ['T-9', '--titel', 'x'])).toThrow(/unknown option --titel \(did you mean --title/);
  });

  it('refuses words a command does not take', () => {
    expect(() => argsFromWords(command('next'), ['now'])).toThrow(/unexpected argument "now"/);
  });
});

describe('usageLine', () => {
  it('is generated from the schema', () => {
    expect(usageLine(command('task:create'))).toBe(
      'fragments task:create CODE --title TITLE [--sprint SPRINT] [--estimate ESTIMATE] [--priority PRIORITY] [--depends A,B] [--parent PARENT] [--description DESCRIPTION]',
    );
    expect(usageLine(command('done'))).toBe('fragments done [SUMMARY…] [--force] [--check CHECK] [--no-check]');
  });
});

describe('the option rule', () => {
  it('reads a switch bare or as =true|false|1|0|yes|no, and refuses anything else', () => {
    expect(argsFromWords(command('done'), ['--force'])).toEqual({ force: true });
    for (const [word, value] of [['true', true], ['1', true], ['YES', true], ['false', false], ['0', false], ['no', false]] as const) {
      expect(argsFromWords(command('done'), [`--force=${word}`])).toEqual({ force: value });
    }
    expect(() => argsFromWords(command('done'), ['--force=maybe'])).toThrow(/--force is a switch: write --force, or --force=true\|false\|1\|0\|yes\|no \(got "maybe"\)/);
  });

  it('never takes an option for a value: `--title=--force` and `--` say it is one', () => {
    expect(() => argsFromWords(command('task:create'), ['T-1', '--title', '--force'])).toThrow(/--title needs a value, and "--force" is an option; write --title=--force/);
    expect(argsFromWords(command('task:create'), ['T-1', '--title=--force'])).toEqual({ code: 'T-1', title: '--force' });
    expect(argsFromWords(command('update'), ['--', '--force', 'is', 'text'])).toEqual({ text: '--force is text' });
  });

  it('refuses a single-value option given twice, and collects a list option', () => {
    expect(() => argsFromWords(command('task:create'), ['T-1', '--title', 'a', '--title', 'b'])).toThrow(/--title is given more than once/);
    expect(() => argsFromWords(command('done'), ['--force', '--force=no'])).toThrow(/--force is given more than once/);
    expect(argsFromWords(command('done'), ['--force', '--force'])).toEqual({ force: true });
    expect(argsFromWords(command('task:create'), ['T-1', '--title', 'a', '--depends', 'A', '--depends', 'B,C'])).toEqual({ code: 'T-1', title: 'a', depends: 'A,B,C' });
  });
});

describe('the options every command shares', () => {
  it('follow the same rule', () => {
    expect(splitGlobals(['--json=false', 'context']).globals.json).toBe(false);
    expect(splitGlobals(['--json=no', 'context']).globals.json).toBe(false);
    expect(splitGlobals(['context', '--json=yes']).globals.json).toBe(true);
    expect(() => splitGlobals(['--json=sure', 'context'])).toThrow(/--json is a switch/);
    expect(() => splitGlobals(['--home', 'a', '--home', 'b', 'context'])).toThrow(/--home is given more than once/);
    expect(() => splitGlobals(['--request-id', '--json', 'update', 'x'])).toThrow(/--request-id needs a value, and "--json" is an option/);
    expect(splitGlobals(['--request-id=--json', 'update', 'x']).globals.requestId).toBe('--json');
  });

  it('name an unknown option before the command as an unknown option', () => {
    expect(() => splitGlobals(['--bogus', 'context'])).toThrow(/^Unknown option --bogus; before the command only --json/);
    expect(() => splitGlobals(['--jsn', 'context'])).toThrow(/Unknown option --jsn \(did you mean --json\?\)/);
  });
});

/** Every command, each argument a string or a switch, as faces hand them to the parser. */
const argsOf = (name: string) => {
  const shape = command(name).args as Record<string, z.ZodType>;
  const text = fc.string({ unit: 'binary', maxLength: 20 });
  const withDashes = fc.oneof(text, text.map((t) => `--${t}`), fc.constant('--'), fc.constant(''));
  const fields = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, fieldKind(field) === 'boolean' ? fc.constant(true) : withDashes]),
  );
  return fc.record(fields, { requiredKeys: [] });
};

describe('the parser, by property', () => {
  it('reads back any arguments a suggested command line writes', () => {
    // Commands whose positionals are filled in order, each with a value when a later one has one.
    for (const name of ['task:create', 'update', 'done', 'tasks:bulk-complete', 'sprint:deactivate', 'history', 'session:end']) {
      const positional = [...(command(name).positional ?? []), ...(command(name).rest ? [command(name).rest!] : [])];
      fc.assert(
        fc.property(argsOf(name), (args) => {
          fc.pre(positional.every((key, i) => args[key] !== undefined || positional.slice(i + 1).every((later) => args[later] === undefined)));
          const line = renderInvocation('cli', { command: name, args: args as Record<string, string | boolean> }, catalogue.find);
          const words = tokenize(line).slice(2);
          expect(argsFromWords(command(name), words)).toEqual(args);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('tokenizes quoted words back to the words', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' })), (words) => {
        expect(tokenize(words.map(shellQuote).join(' '))).toEqual(words);
      }),
      { numRuns: 500 },
    );
  });

  it('takes the shared options out of any command line, wherever they stand', () => {
    const value = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.record({ json: fc.boolean(), home: value, session: value, requestId: value }, { requiredKeys: ['json'] }), fc.array(fc.stringMatching(/^[a-z][a-z ]*$/), { maxLength: 3 }), (globals, rest) => {
        const options = [
          ...(globals.json ? ['--json'] : []),
          ...(globals.home !== undefined ? [`--home=${globals.home}`] : []),
          ...(globals.session !== undefined ? ['--session', ...(looksLikeOption(globals.session) ? [] : [globals.session])] : []),
          ...(globals.requestId !== undefined ? [`--request-id=${globals.requestId}`] : []),
        ];
        fc.pre(globals.session === undefined || !looksLikeOption(globals.session));
        const split = splitGlobals(['update', ...options, ...rest]);
        expect(split.globals).toEqual({ help: false, version: false, debug: false, ...globals });
        expect(split.words).toEqual(['update', ...rest]);
      }),
      { numRuns: 300 },
    );
  });
});
