import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/commands/catalogue.js';
import { argsFromWords, tokenize, usageLine } from '../../src/commands/parse.js';

const command = (name: string) => catalogue.find(name)!;

describe('tokenize', () => {
  it('splits a prompt line like a shell', () => {
    expect(tokenize(`/update "Created the migration" --request-id a1`)).toEqual(['/update', 'Created the migration', '--request-id', 'a1']);
    expect(tokenize(`note it's  fine`.replace("'", "\\'"))).toEqual(['note', "it's", 'fine']);
    expect(tokenize(`done 'say "hi"'`)).toEqual(['done', 'say "hi"']);
    expect(tokenize(`log ""`)).toEqual(['log', '']);
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
    expect(usageLine(command('done'))).toBe('fragments done [SUMMARY…] [--force]');
  });
});
