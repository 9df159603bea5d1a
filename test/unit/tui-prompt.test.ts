import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/commands/catalogue.js';
import { parseLine } from '../../src/syntax/line.js';
import { renderInvocation } from '../../src/runner/invocation.js';
import { complete, hint, rank } from '../../src/tui/completion.js';
import { emptyPrompt, promptReducer, type PromptAction, type PromptState } from '../../src/tui/prompt-state.js';

const apply = (actions: PromptAction[], from: PromptState = emptyPrompt) => actions.reduce(promptReducer, from);
const typed = (text: string) => apply([{ type: 'insert', text }]);

describe('the prompt line reducer', () => {
  it('edits where the cursor stands', () => {
    const s = apply([{ type: 'home' }, { type: 'insert', text: '/' }, { type: 'end' }, { type: 'backspace' }], typed('note hi'));
    expect(s).toMatchObject({ text: '/note h', cursor: 7 });
    expect(apply([{ type: 'left' }, { type: 'left' }, { type: 'insert', text: 'X' }], typed('abc'))).toMatchObject({ text: 'aXbc', cursor: 2 });
  });

  it('Ctrl+W deletes the word before the cursor and the spaces after it', () => {
    expect(apply([{ type: 'deleteWord' }], typed('/note one two'))).toMatchObject({ text: '/note one ', cursor: 10 });
    expect(apply([{ type: 'deleteWord' }], typed('/note one  '))).toMatchObject({ text: '/note ', cursor: 6 });
  });

  it('a pasted newline becomes a space: nothing is sent before Enter', () => {
    expect(typed('first\r\nsecond\nthird').text).toBe('first second third');
  });

  it('↑ walks back through history, ↓ walks forward and gives the draft back past the newest', () => {
    const history = ['/update one', '/update two'];
    const back = apply([{ type: 'historyPrev', history }, { type: 'historyPrev', history }, { type: 'historyPrev', history }], typed('my draft'));
    expect(back.text).toBe('/update one');
    const forward = apply([{ type: 'historyNext', history }], back);
    expect(forward.text).toBe('/update two');
    expect(apply([{ type: 'historyNext', history }], forward)).toMatchObject({ text: 'my draft', browsing: null });
  });

  it('repeated Tab cycles through the candidates in place', () => {
    const candidates = ['T-10', 'T-11'];
    const first = apply([{ type: 'complete', candidates, from: 12 }], typed('/task-start T-1'));
    expect(first.text).toBe('/task-start T-10');
    const second = apply([{ type: 'complete', candidates: [], from: 0 }], first);
    expect(second.text).toBe('/task-start T-11');
    expect(apply([{ type: 'complete', candidates: [], from: 0 }], second).text).toBe('/task-start T-10');
  });

  it('a single candidate completes with a space after it', () => {
    expect(apply([{ type: 'complete', candidates: ['/update'], from: 0 }], typed('/upd')).text).toBe('/update ');
  });
});

describe('completion', () => {
  const sources = {
    tasks: [
      { code: 'T-SESS-01-DB', status: 'completed' },
      { code: 'T-SESS-01-MODELS', status: 'pending' },
      { code: 'T-SESS-02-API', status: 'in_progress' },
    ],
    sprints: ['SPRINT-SESS-1', 'SPRINT-SESS-2'],
    sessions: ['SESSION-001'],
  };

  it('ranks exact, then prefix; letters in order only when nothing starts with the word', () => {
    expect(rank('t-1', ['T-10', 'T-1', 'X-T-1'])).toEqual(['T-1', 'T-10']);
    expect(rank('tsdb', ['T-SESS-01-DB', 'T-OTHER'])).toEqual(['T-SESS-01-DB']);
  });

  it('completes command names by slash form and catalogue name', () => {
    expect(complete(catalogue, '/upd', sources).candidates).toEqual(['/update']);
    expect(complete(catalogue, '/task:act', sources).candidates).toEqual(['/task:activate']);
    expect(complete(catalogue, 'sess', sources).candidates[0]).toMatch(/^\/session/);
  });

  it('completes task codes, open tasks first, and sprint codes where a sprint is meant', () => {
    expect(complete(catalogue, '/task-start T-SESS', sources)).toEqual({ from: 12, candidates: ['T-SESS-02-API', 'T-SESS-01-MODELS', 'T-SESS-01-DB'], codes: true });
    expect(complete(catalogue, '/sprint-start SPRINT-SESS-2', sources).candidates).toEqual(['SPRINT-SESS-2']);
    expect(complete(catalogue, '/task:create T-9 --sprint SPR', sources).candidates).toEqual(['SPRINT-SESS-1', 'SPRINT-SESS-2']);
    expect(complete(catalogue, '/task:create T-9 --depends T-SESS-01-DB,T-SESS-02', sources)).toEqual({ from: 40, candidates: ['T-SESS-02-API'], codes: true });
    expect(complete(catalogue, '/session-start --type pl', sources).candidates).toEqual(['planning']);
  });

  it('says when its candidates are the home’s codes (which a screen reads fresh), and not for names or choices', () => {
    expect(complete(catalogue, '/sprint-start SPR', sources).codes).toBe(true);
    expect(complete(catalogue, '/task-st', sources).codes).toBeUndefined();
    expect(complete(catalogue, '/session-start --type pl', sources).codes).toBeUndefined();
    expect(complete(catalogue, '/done --fo', sources).codes).toBeUndefined();
  });

  it('completes option names, and nothing in free text', () => {
    expect(complete(catalogue, '/done --fo', sources).candidates).toEqual(['--force']);
    expect(complete(catalogue, '/update T-SESS', sources).candidates).toEqual([]);
  });

  it('hints the usage of the command being typed, in slash form', () => {
    expect(hint(catalogue, '/task-start T')).toMatch(/^\/task-start \[CODE\] \[--force\] — /);
    expect(hint(catalogue, '/upd')).toMatch(/^\/update TEXT… — /);
    expect(hint(catalogue, '')).toBeNull();
  });
});

describe('free text on the prompt line', () => {
  const call = (line: string) => parseLine(catalogue, line);

  it('is kept as typed: quotes, backslashes and spacing inside it stay', () => {
    expect(call('/note Ask whether "reverse charge" applies')).toEqual({ name: 'note', args: { text: 'Ask whether "reverse charge" applies' } });
    expect(call('/update copied C:\\temp\\x  to the share')).toEqual({ name: 'update', args: { text: 'copied C:\\temp\\x  to the share' } });
    expect(call('/note the "fast path is still open')).toEqual({ name: 'note', args: { text: 'the "fast path is still open' } });
    expect(call('/note use --force with care')).toEqual({ name: 'note', args: { text: 'use --force with care' } });
  });

  it('that is one quoted string is that string', () => {
    expect(call('/update "Migration written"')).toEqual({ name: 'update', args: { text: 'Migration written' } });
    expect(call(`/done 'say "hi"' --force`)).toEqual({ name: 'done', args: { summary: 'say "hi"', force: true } });
  });

  it('an option that takes text takes the words up to the next option, as the rest of the line does', () => {
    expect(call('/session-end --summary Billing core mostly done')).toEqual({ name: 'session:end', args: { summary: 'Billing core mostly done' } });
    expect(call('/session-end --summary Billing "core" done --force')).toEqual({ name: 'session:end', args: { summary: 'Billing "core" done', force: true } });
    expect(call('/done Finished the schema --force')).toEqual({ name: 'done', args: { summary: 'Finished the schema', force: true } });
    expect(call('/task:create T-9 --title Fix the login page --sprint SPRINT-SESS-1 --estimate 2h')).toEqual({
      name: 'task:create',
      args: { code: 'T-9', title: 'Fix the login page', sprint: 'SPRINT-SESS-1', estimate: '2h' },
    });
  });

  it('a quote left open outside free text is still an error', () => {
    expect(() => call('/task-start "T-1')).toThrow(/Unclosed " quote/);
  });
});

describe('the slash-line grammar (property)', () => {
  // Free text as people type it: any printable text, quotes and backslashes included.
  const text = fc.string({ minLength: 1, maxLength: 60, unit: fc.constantFrom(...'ab c"\'\\-–é$!`,.:/'.split('')) }).filter((t) => t.trim() === t && t !== '' && !t.startsWith('-'));

  it('a suggested command, as the TUI writes it, parses back to the same call', () => {
    fc.assert(
      fc.property(fc.constantFrom('update', 'note', 'log', 'done'), text, (command, value) => {
        const field = catalogue.find(command)!.rest!;
        const line = renderInvocation('tui', { command, args: { [field]: value } }, catalogue.find);
        expect(parseLine(catalogue, line)).toEqual({ name: command, args: { [field]: value } });
      }),
    );
  });

  it('task:create with every kind of argument round-trips', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('low', 'high'), fc.boolean(), (title, priority, force) => {
        const args = { code: 'T-1', title, priority, depends: 'T-2,T-3' };
        const line = renderInvocation('tui', { command: 'task:create', args }, catalogue.find);
        expect(parseLine(catalogue, line)).toEqual({ name: 'task:create', args });
        const done = renderInvocation('tui', { command: 'done', args: { summary: title, force } }, catalogue.find);
        expect(parseLine(catalogue, done)).toEqual({ name: 'done', args: force ? { summary: title, force } : { summary: title } });
      }),
    );
  });
});
