import type { ContextFrame, SessionView } from '../core/recovery.js';
import type { SessionOverview } from '../core/session-overview.js';
import { formatSeconds } from '../domain/duration.js';
import type { GitContext } from '../domain/git.js';
import { activeTaskLines, contextLine, gitLines, sessionLine, type ActiveTaskLike, type Paint } from './lines.js';

/** A session as started, resumed, paused, switched to or looked at: only what the answer holds. */
interface SessionAnswer {
  session: SessionView | null;
  session_key?: string | null;
  resumed?: boolean;
  context_stack?: ContextFrame[];
  interrupted_for?: number;
  active_task?: ActiveTaskLike | null;
  git?: GitContext | null;
  last_actions?: string[];
}

export function sessionLines(d: SessionAnswer, raw: SessionAnswer, paint: Paint): string[] {
  const lines: string[] = [];
  if (d.session) {
    lines.push(sessionLine(d.session, paint, d.resumed === true));
    if (d.session_key && d.resumed === false) lines.push(`Session ${d.session.key} started.`);
  }
  if (d.context_stack) lines.push(contextLine(d.context_stack));
  if (d.interrupted_for !== undefined && d.interrupted_for >= 60) lines.push(paint('yellow', `Interrupted for ${formatSeconds(d.interrupted_for)}.`));
  if (d.active_task && raw.active_task) lines.push(...activeTaskLines(d.active_task, raw.active_task, paint));
  if (d.git) lines.push(...gitLines(d.git));
  if (d.last_actions?.length) lines.push('Last actions:', ...d.last_actions.map((a) => `  ${a}`));
  return lines;
}

/** What the ended session did: how long, which tasks, how many updates and artifacts. */
export function endedLines(sm: { duration_seconds: number; tasks_completed: { code: string; seconds: number; incomplete: boolean }[]; updates: number; artifacts: number }, paint: Paint): string[] {
  return [
    `Ended after ${formatSeconds(sm.duration_seconds)}: ${sm.tasks_completed.length} task(s) completed, ${sm.updates} update(s), ${sm.artifacts} artifact(s).`,
    ...sm.tasks_completed.map((t) => (t.incomplete ? `  ◌ ${t.code}  ${formatSeconds(t.seconds)}  ${paint('yellow', 'incomplete (closed by force)')}` : `  ● ${t.code}  ${formatSeconds(t.seconds)}`)),
  ];
}

export function sessionListLines(sessions: SessionOverview[], paint: Paint): string[] {
  if (!sessions.length) return ['No sessions match.'];
  return sessions.map((se) => {
    const task = se.active_task ? ` · on ${se.active_task.code}` : '';
    const stale = se.stale ? paint('yellow', ` · silent ${formatSeconds(se.silent_seconds)}`) : '';
    const who = se.user ? `${se.user} · ` : '';
    return `${paint('bold', se.key)}  ${who}${se.type} · ${se.status}${task} · ${formatSeconds(se.active_seconds)} · ${se.activity_count} activities · last ${se.last_activity_at.slice(0, 16).replace('T', ' ')}${stale}`;
  });
}
