import { describe, expect, it } from 'vitest';
import { ROOT, fragmentsJson, tempHome } from '../helpers/cli.js';

const at = (minutes: number) => ({ FRAGMENTS_NOW: new Date(Date.UTC(2026, 10, 2, 9, 0) + minutes * 60_000).toISOString() });

async function working(home: string) {
  await fragmentsJson(home, ['import', `${ROOT}/examples/sprint-plan.md`], at(0));
  await fragmentsJson(home, ['session:start'], at(0));
  await fragmentsJson(home, ['task:activate', 'T-SESS-01-DB'], at(0));
}

describe('board: whether anyone is behind an active session', () => {
  it('an agent quiet between two commands is not dormant', async () => {
    const home = tempHome('board-agent');
    await working(home);
    const board = await fragmentsJson(home, ['board'], at(10));
    expect(board.data).toMatchObject({ dormant: false, silent_seconds: 600 });
  });

  it('a heartbeat that stopped (its screen died) makes the session dormant after two missed beats', async () => {
    const home = tempHome('board-beat');
    await working(home);
    await fragmentsJson(home, ['session:heartbeat'], at(5));
    expect((await fragmentsJson(home, ['board'], at(5.5))).data.dormant).toBe(false);
    expect((await fragmentsJson(home, ['board'], at(6.5))).data.dormant).toBe(true);
  });

  it('silence past the staleness nudge makes it dormant too', async () => {
    const home = tempHome('board-stale');
    await working(home);
    expect((await fragmentsJson(home, ['board'], at(26))).data.dormant).toBe(true);
  });

  it('today counts time on tasks in every session of the home', async () => {
    const home = tempHome('board-today');
    await working(home);
    await fragmentsJson(home, ['session:start', '--new'], at(30));
    const board = await fragmentsJson(home, ['board'], at(31));
    expect(board.data.session_key).toBe('SESSION-002');
    expect(board.data.today_seconds).toBeGreaterThanOrEqual(30 * 60);
  });
});
