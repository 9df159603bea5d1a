import { describe, expect, it } from 'vitest';
import { BIN, ROOT, fragments, fragmentsJson, tempHome } from '../helpers/cli.js';
import { homeEnvWords } from '../helpers/store-env.js';
import { hasTmux, tmuxServer, untilShown } from '../helpers/tmux.js';

// The board, the completion menu and the editing prompt in a real terminal (issue 23 items 1–5), driven as a person would.
const tmux = tmuxServer('board');


/** A screen on a home with the example plan, in a pane of its own; `until` waits for what it shows. */
async function screen(name: string) {
  const home = tempHome(`tmux-${name}`);
  expect((await fragments(home, ['import', `${ROOT}/examples/sprint-plan.md`])).code).toBe(0);
  tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', `env ${homeEnvWords(home)} ${process.execPath} ${BIN}; sleep 60`);
  const show = () => tmux('capture-pane', '-p', '-t', name);
  const until = untilShown(show, name, 5000);
  const send = (...keys: string[]) => tmux('send-keys', '-t', name, ...keys);
  await until('Started SESSION-001');
  return { home, show, until, send };
}

const cursorCode = (pane: string) => /▸ \S+ (\S+)/.exec(pane)?.[1];
const updates = async (home: string, code: string) => ((await fragmentsJson(home, ['task:show', code])).data.task as { updates: { text: string }[] }).updates.map((u) => u.text);

describe.skipIf(!hasTmux)('the task board in a terminal', () => {
  it('opens with /tasks, moves, filters as typed, and Enter starts the task under the cursor', async () => {
    const s = await screen('board');
    s.send('/tasks', 'Enter');
    const board = await s.until('1/21');
    expect(board).toMatch(/SPRINT-SESS-1 {2}Core System & Context/);
    expect(board).toMatch(/waits on T-SESS-01-DB/);
    s.send('j');
    await s.until((p) => cursorCode(p) === 'T-SESS-01-MODELS');
    s.send('Down');
    await s.until((p) => cursorCode(p) === 'T-SESS-01-MGR');
    s.send('G');
    await s.until('21/21');
    s.send('g');
    await s.until('1/21');
    s.send('/');
    await s.until('filter: ▏');
    s.send('context');
    const filtered = await s.until('filter: context▏');
    expect(filtered).not.toContain('T-SESS-01-DB Database');
    s.send('Down');
    const chosen = cursorCode(await s.until((p) => /▸ \S+ (\S+)/.test(p) && p.includes('2/')))!;
    s.send('Enter');
    await s.until(new RegExp(`${chosen} .*in_progress`));
    const status = await fragmentsJson(s.home, ['session:status']);
    expect(status.data.active_task).toMatchObject({ code: chosen });
    s.send('C-c');
  });
});

describe.skipIf(!hasTmux)('the prompt in a terminal', () => {
  it('Tab shows task codes with their titles; the chosen one is taken', async () => {
    const s = await screen('complete');
    s.send('/task-start T-SESS-01-M');
    await s.until('› /task-start T-SESS-01-M');
    s.send('Tab');
    const menu = await s.until('↑↓ choose');
    expect(menu).toMatch(/T-SESS-01-MODELS\s+Models/);
    expect(menu).toMatch(/T-SESS-01-MGR\s+SessionManager service/);
    s.send('Down');
    await s.until('2 of 2');
    s.send('Enter');
    const taken = await s.until((p) => !p.includes('↑↓ choose'));
    const code = /› \/task-start (\S+)/.exec(taken)![1]!;
    s.send('Enter');
    await s.until(new RegExp(`${code} .*in_progress`));
    s.send('C-c');
  });

  it('plain text is an update of the active task; Alt+Enter keeps a second line in it', async () => {
    const s = await screen('plain');
    s.send('/task-start T-SESS-01-DB', 'Enter');
    await s.until('plain text is an update of T-SESS-01-DB');
    s.send('Schema drafted', 'Enter');
    await s.until(/tui update\s+Schema drafted/);
    s.send('first line');
    await s.until('› first line');
    s.send('M-Enter');
    await s.until('› first line↵');
    s.send('second line');
    await s.until('› first line↵second line');
    s.send('Enter');
    await s.until(/tui update\s+first line\\nsecond line/);
    expect(await updates(s.home, 'T-SESS-01-DB')).toEqual(['Schema drafted', 'first line\nsecond line']);
    s.send('C-c');
  });

  it('Ctrl+R finds an older line, and forward Delete deletes under the cursor', async () => {
    const s = await screen('edit');
    s.send('/log alpha one', 'Enter');
    await s.until(/tui log\s+alpha one/);
    s.send('/log beta', 'Enter');
    await s.until(/tui log\s+beta/);
    s.send('C-r');
    await s.until('history ›');
    s.send('alp');
    await s.until('history › alp   /log alpha one');
    s.send('Enter');
    await s.until('› /log alpha one');
    s.send('Home');
    s.send('Right', 'Right', 'Right', 'Right', 'Right');
    s.send('DC');
    await s.until('› /log lpha one');
    s.send('Enter');
    await s.until(/tui log\s+lpha one/);
    s.send('C-c');
  });
});
