/**
 * Mission control on a team's store: a person's screen lists everyone's open
 * sessions, each with its person, and sees another machine's write live.
 */
import { describe, expect, it } from 'vitest';
import { fragmentsJson, tempHome } from '../helpers/cli.js';
import { freshDatabase, pgMissing } from '../helpers/databases.js';
import { openApp, send } from '../helpers/tui.js';
import { openStore } from '../../src/store/store.js';
import { run } from '../helpers/run.js';

const PLAN = new URL('../../examples/sprint-plan.md', import.meta.url).pathname;

describe.skipIf(pgMissing !== undefined)(`a team's screen${pgMissing ? ` (skipped: ${pgMissing})` : ''}`, () => {
  it("ann's screen lists bob's session with his name and task, and shows his write within a second", async () => {
    const url = await freshDatabase('screen');
    const store = await openStore({ home: tempHome('screen-ann'), url, user: () => 'ann@example.com' });
    const ann = { store, face: 'tui' as const, now: () => new Date() };
    expect((await run(ann, 'import', { file: PLAN })).success).toBe(true);
    const screen = await openApp(ann);
    await screen.waitFor('Started SESSION-001');

    const bob = tempHome('screen-bob');
    const asBob = { FRAGMENTS_STORE: url, FRAGMENTS_USER: 'bob@example.com' };
    expect((await fragmentsJson(bob, ['session:start', '--agent', 'claude'], asBob)).success).toBe(true);
    expect((await fragmentsJson(bob, ['task:activate', 'T-SESS-01-MODELS'], asBob)).success).toBe(true);

    const list = await send(screen, '/sessions', /SESSION-002 bob@example\.com · claude · cli\s+active\s+T-SESS-01-MODELS/);
    expect(list).toMatch(/SESSION-001 \(this screen\) ann@example\.com · tui/);
    // Another machine moves on: the open list follows without a keystroke.
    expect((await fragmentsJson(bob, ['task:activate', 'T-SESS-01-MGR'], asBob)).success).toBe(true);
    await screen.waitFor(/SESSION-002 bob@example\.com · claude · cli\s+active\s+T-SESS-01-MGR/, 1000);
    await store.close();
  }, 60_000);
});
