/** What a new agent is handed when it takes a session up again (SPEC 6). */
import { describe, expect, it } from 'vitest';
import { actionLine, recoveryPackage, sessionView } from '../../src/core/recovery.js';
import { pauseSession, resumeSession } from '../../src/core/session.js';
import type { Activity } from '../../src/domain/activity.js';
import { at, config, plan, session } from './state.js';

const update = (minutes: number, text: string): Activity => ({
  id: minutes, at: at(minutes).toISOString(), kind: 'update', command: 'update', text, session: 'SESSION-001', task: 'T-1', sprint: 'S-1', source: 'mcp',
});

describe('actionLine', () => {
  it('reads as time, command and the text quoted; a long text is cut at 120 characters', () => {
    expect(actionLine(update(30, 'Created migration files'))).toMatch(/^\d\d:30 update "Created migration files"$/);
    const long = actionLine(update(0, 'x'.repeat(200)));
    expect(long.endsWith(`${'x'.repeat(117)}…"`)).toBe(true);
    expect(actionLine({ ...update(0, ''), text: null, command: 'done', task: 'T-1' })).toMatch(/ done "T-1"$/);
  });
});

describe('recoveryPackage', () => {
  it('hands over the active task, how long the session was away and its last actions', () => {
    const state = plan();
    const s = session(state, 0, 'T-1', 'claude');
    pauseSession(s, state.plan, at(20), 'context window full');
    const { interrupted_for } = resumeSession(s, state.plan, at(50), config);
    const pack = recoveryPackage(state.plan, state.sessions, s, { lastSeen: at(20).toISOString(), lastActions: [update(10, 'parser reads headings')], interrupted_for }, at(60));
    expect(pack).toMatchObject({
      session_key: 'SESSION-001',
      interrupted_for: 30 * 60,
      last_activity_at: at(20).toISOString(),
      active_task: { code: 'T-1' },
      context_stack: [{ kind: 'project', code: null }, { kind: 'sprint', code: 'S-1' }, { kind: 'task', code: 'T-1' }],
    });
    expect(pack.last_actions).toHaveLength(1);
    expect(pack.last_actions[0]).toContain('update "parser reads headings"');
    // Thirty minutes of pause are not work: 20 before, 10 after.
    expect(pack.session.active_seconds).toBe(30 * 60);
  });

  it('with no active task hands over none', () => {
    const state = plan();
    const s = session(state, 0);
    const pack = recoveryPackage(state.plan, state.sessions, s, { lastSeen: at(0).toISOString(), lastActions: [], interrupted_for: 0 }, at(1));
    expect(pack.active_task).toBeNull();
    expect(pack.context_stack).toEqual([{ kind: 'project', code: null }]);
    expect(sessionView(s, at(1)).active_seconds).toBe(60);
  });
});
