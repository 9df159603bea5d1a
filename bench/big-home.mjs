// Writes a home with many tasks and activities straight to disk, in the layout
// of schema version 1 (one plan.json, one activity file per session): a home
// of today migrates from it on load, as an existing user's would.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** By default the hard case: 10 sprints of 1,000 tasks, and all 100,000 activities in the current session. */
export function writeBigHome(home, { tasks = 10_000, perSprint = 1_000, sessions = 1, activitiesPerSession = 100_000 } = {}) {
  const at = (i) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  const sprintCount = Math.ceil(tasks / perSprint);
  const sprints = Array.from({ length: sprintCount }, (_, s) => ({
    code: `S-${s + 1}`, title: `Sprint ${s + 1}`, goal: null, status: 'planned', estimate: null, retrospective: null,
    deliverables: [], notes: [], created_at: at(s), updated_at: at(s), completed_at: null,
  }));
  const taskList = Array.from({ length: tasks }, (_, i) => ({
    code: `T-${i + 1}`, title: `Task number ${i + 1}`, description: null, sprint: `S-${Math.floor(i / perSprint) + 1}`, phase: null,
    status: i % 3 === 0 ? 'completed' : 'pending', priority: 'medium', estimate: { low_hours: 1, high_hours: 2 },
    depends: i % perSprint === 0 ? [] : [`T-${i}`], parent: null, summary: null,
    updates: [{ at: at(i), text: `Update on task ${i + 1}`, session: 'SESSION-001' }], notes: [], artifacts: [],
    actual_seconds: 0, incomplete: false, started: i % 3 === 0, block_reason: null,
    created_at: at(i), updated_at: at(i), started_at: null, completed_at: null,
  }));
  mkdirSync(join(home, 'activity'), { recursive: true, mode: 0o700 });
  writeFileSync(join(home, 'plan.json'), JSON.stringify({ schema_version: 1, sprints, tasks: taskList }, null, 2), { mode: 0o600 });
  const sessionList = [];
  for (let s = 1; s <= sessions; s++) {
    const key = `SESSION-${String(s).padStart(3, '0')}`;
    const first = (s - 1) * activitiesPerSession;
    const activities = Array.from({ length: activitiesPerSession }, (_, i) => ({
      id: i + 1, at: at(first + i), kind: 'log', command: 'log', text: `Activity ${i + 1}`,
      session: key, task: null, sprint: null, source: 'cli',
    }));
    writeFileSync(join(home, 'activity', `${key}.json`), JSON.stringify({ schema_version: 1, session: key, activities }, null, 2), { mode: 0o600 });
    const last = s === sessions;
    sessionList.push({
      key, type: 'work', source: 'cli', agent: null, status: last ? 'active' : 'completed', stack: [],
      started_at: at(first), paused_at: null, resumed_at: null, ended_at: last ? null : at(first + activitiesPerSession - 1),
      active_seconds: 0, active_since: last ? at(first) : null, last_activity_at: at(first + activitiesPerSession - 1),
      heartbeat_at: null, pause_reason: null, interruptions: [], time_entries: [], activity_count: activitiesPerSession, summary: null,
    });
  }
  writeFileSync(join(home, 'sessions.json'), JSON.stringify({ schema_version: 1, sessions: sessionList }, null, 2), { mode: 0o600 });
  writeFileSync(join(home, 'session'), `SESSION-${String(sessions).padStart(3, '0')}\n`, { mode: 0o600 });
}
