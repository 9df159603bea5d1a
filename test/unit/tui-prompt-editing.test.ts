import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysOf } from '../../src/tui/keys.js';
import { pathsStartingWith } from '../../src/tui/paths.js';
import { emptyPrompt, menuOf, promptReducer, type PromptAction, type PromptState } from '../../src/tui/prompt-state.js';

const apply = (actions: PromptAction[], from: PromptState = emptyPrompt) => actions.reduce(promptReducer, from);
const type = (...pieces: string[]): PromptAction[] => pieces.map((text) => ({ type: 'insert', text }));

describe('the keys of the editing prompt', () => {
  it('Alt+Enter and a lone Ctrl+J are a line break, Enter sends; Ctrl+Z, Ctrl+R, Ctrl+T and Shift+Tab are keys of their own', () => {
    expect(keysOf('\x1b\r', false)).toEqual([{ kind: 'newline' }]);
    expect(keysOf('\n', false)).toEqual([{ kind: 'newline' }]);
    // A line typed before the screen set raw mode comes whole, ending in \n: that \n is its Enter.
    expect(keysOf('/tasks\n', false)).toEqual([{ kind: 'text', text: '/tasks' }, { kind: 'enter' }]);
    expect(keysOf('\x1a\x12\x14', false).map((k) => k.kind)).toEqual(['undo', 'search', 'tasks']);
    expect(keysOf('\x1b[Z', false)).toEqual([{ kind: 'focusFeed' }]);
    expect(keysOf('\x1b[1;5A', false)).toEqual([{ kind: 'focusFeed' }]);
  });

  it('Esc and a control key read together are both kept, in order', () => {
    expect(keysOf('\x1b\x15', false).map((k) => k.kind)).toEqual(['escape', 'clear']);
  });
});

describe('the prompt reducer edits', () => {
  it('keeps a pasted text’s line breaks; typed text holds none', () => {
    expect(apply([{ type: 'insert', text: 'one\r\ntwo\rthree', pasted: true }]).text).toBe('one\ntwo\nthree');
    expect(apply([...type('one'), { type: 'newline' }, ...type('two')]).text).toBe('one\ntwo');
  });

  it('Ctrl+Z takes back a word of typing, a cut, a line break, one at a time', () => {
    let state = apply([...type('/log', ' ', 'o', 'n', 'e', ' ', 't', 'w', 'o')]);
    state = apply([{ type: 'undo' }], state);
    expect(state.text).toBe('/log one ');
    state = apply([{ type: 'home' }, { type: 'killEnd' }, { type: 'undo' }], state);
    expect(state.text).toBe('/log one ');
    state = apply([{ type: 'end' }, { type: 'newline' }, { type: 'undo' }], state);
    expect(state.text).toBe('/log one ');
    expect(apply([{ type: 'undo' }, { type: 'undo' }, { type: 'undo' }, { type: 'undo' }, { type: 'undo' }, { type: 'undo' }], state).text).toBe('');
  });

  it('Ctrl+R finds the newest match, older on each Ctrl+R, narrows as typed, and gives the line back on Esc', () => {
    const history = ['/log alpha one', '/log beta', '/log alpha two'];
    let state = apply([...type('draft'), { type: 'search', history }, { type: 'searchText', text: 'alpha', history }]);
    expect(history[state.search!.match!]).toBe('/log alpha two');
    state = apply([{ type: 'search', history }], state);
    expect(history[state.search!.match!]).toBe('/log alpha one');
    // No older match: it stays on the one found.
    expect(history[apply([{ type: 'search', history }], state).search!.match!]).toBe('/log alpha one');
    expect(apply([{ type: 'searchEnd', take: false, history }], state)).toMatchObject({ text: 'draft', search: null });
    expect(apply([{ type: 'searchEnd', take: true, history }], state)).toMatchObject({ text: '/log alpha one', cursor: 14, search: null });
    expect(apply([{ type: 'searchText', text: 'zzz', history }], state).search!.match).toBeNull();
  });

  it('the completion menu: ↑/↓ put the candidate before or after in place, Esc closes it and keeps the word', () => {
    let state = apply([...type('/task-start T'), { type: 'complete', candidates: ['T-1', 'T-2', 'T-3'], labels: ['one', 'two', 'three'], from: 12 }]);
    expect(state.text).toBe('/task-start T-1');
    expect(menuOf(state)!.labels).toEqual(['one', 'two', 'three']);
    state = apply([{ type: 'menuMove', by: -1 }], state);
    expect(state.text).toBe('/task-start T-3');
    state = apply([{ type: 'menuMove', by: 1 }, { type: 'menuMove', by: 1 }], state);
    expect(state.text).toBe('/task-start T-2');
    state = apply([{ type: 'menuClose' }], state);
    expect(menuOf(state)).toBeNull();
    expect(state.text).toBe('/task-start T-2');
  });
});

describe('file paths to complete', () => {
  it('lists the entries of the folder typed whose names start with the rest, folders with a slash, hidden ones only when asked', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fragments-paths-'));
    mkdirSync(join(cwd, 'plans'));
    writeFileSync(join(cwd, 'plans', 'sprint.md'), '');
    writeFileSync(join(cwd, 'plans', 'spec.json'), '');
    writeFileSync(join(cwd, '.hidden.md'), '');
    expect(pathsStartingWith('pl', cwd)).toEqual(['plans/']);
    expect(pathsStartingWith('plans/sp', cwd)).toEqual(['plans/spec.json', 'plans/sprint.md']);
    expect(pathsStartingWith('', cwd)).toEqual(['plans/']);
    expect(pathsStartingWith('.h', cwd)).toEqual(['.hidden.md']);
    expect(pathsStartingWith('nowhere/x', cwd)).toEqual([]);
  });
});
