/**
 * Stored text that would drive a terminal (issue 11, Hardening: Escapes) —
 * an OSC title, a clear-screen CSI, a bell, a C1 CSI — is shown inert in every
 * panel of the TUI: sprint, task, block reason, last update, activity, and a
 * command's output. (app.test.tsx checks one CSI in the activity.)
 */
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/commands/catalogue.js';
import { execute } from '../../src/runner/execute.js';
import { homeWith, KEY, openApp } from '../helpers/tui.js';

const OSC = '\x1b]0;pwned\x07';
const EVIL = `${OSC}clear\x1b[2J bell\x07 c1\x9b31m`;
/** How printable() shows EVIL: every control character as \xNN. */
const SHOWN = '\\x1b]0;pwned\\x07clear\\x1b[2J bell\\x07 c1\\x9b31m';

/** The frame without Ink's own colour codes; whatever control character is left came from stored text. */
const raw = (frame: string) => frame.replace(/\x1b\[[0-9;]*m/g, '').replace(/[^\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '');

describe('escape sequences in stored text, on the TUI', () => {
  it('are shown inert in every panel and in command output', async () => {
    const { ctx } = await homeWith('empty');
    const ok = async (name: string, args: Record<string, unknown>) => {
      const envelope = await execute(catalogue, ctx, name, args);
      expect(envelope.success, `${name}: ${JSON.stringify(envelope.error)}`).toBe(true);
    };
    await ok('sprint:create', { code: 'S-EVIL', title: `S ${EVIL}`, goal: EVIL });
    await ok('task:create', { code: 'T-EVIL', title: `T ${EVIL}`, sprint: 'S-EVIL', description: EVIL });
    await ok('session:start', { agent: 'agent' });
    await ok('task:activate', { code: 'T-EVIL' });
    await ok('note', { text: `N ${EVIL}` });
    await ok('artifact', { ref: `a${EVIL}`, text: EVIL });
    await ok('update', { text: `U ${EVIL}` });
    await ok('block', { reason: `B ${EVIL}` });

    // An agent's session: the screen shows it when opened on it, as `fragments --session SESSION-001`.
    const screen = await openApp({ ...ctx, sessionKey: 'SESSION-001' }, { columns: 200, rows: 30 });
    const frame = await screen.waitFor(`B ${SHOWN}`);
    expect(frame).toContain(`S ${SHOWN}`); // sprint panel
    expect(frame).toContain(`T ${SHOWN}`); // task panel
    expect(frame).toContain(`U ${SHOWN}`); // last update and activity
    expect(frame).toContain(`N ${SHOWN}`); // activity
    expect(raw(frame)).toBe('');

    screen.type('/task:show T-EVIL');
    await screen.waitFor('/task:show T-EVIL');
    screen.type(KEY.enter);
    const output = await screen.waitFor((f) => f.includes('Esc') && f.split(SHOWN).length > 2);
    expect(raw(output)).toBe('');
  });
});
