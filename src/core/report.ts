import { sameCode } from '../domain/codes.js';
import { estimateSeconds, type Estimate } from '../domain/duration.js';
import type { Evidence, PlanFile, Task } from '../domain/plan.js';
import type { Session, SessionsFile } from '../domain/session.js';
import { tasksOf } from './plan.js';
import { sessionTaskSeconds, taskSeconds } from './timer.js';

export interface TaskTime {
  code: string;
  title: string;
  status: Task['status'];
  estimate: Estimate | null;
  estimate_seconds: number | null;
  actual_seconds: number;
  /** actual ÷ estimate midpoint; null without an estimate. */
  ratio: number | null;
  incomplete: boolean;
  /** The newest completion check run on the task, without its output: what backs a completion. */
  last_check: Omit<Evidence, 'output_tail'> | null;
}

export interface SprintTime {
  code: string | null;
  title: string;
  tasks: TaskTime[];
  estimate_seconds: number;
  actual_seconds: number;
  /** Actual ÷ estimate over the sprint's closed, estimated tasks: how the estimates run. */
  running_ratio: number | null;
  incomplete: string[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function taskTime(task: Task, actual: number): TaskTime {
  const est = task.estimate ? estimateSeconds(task.estimate) : null;
  return {
    code: task.code,
    title: task.title,
    status: task.status,
    estimate: task.estimate,
    estimate_seconds: est,
    actual_seconds: Math.round(actual),
    ratio: est ? round2(actual / est) : null,
    incomplete: task.incomplete,
    last_check: lastCheck(task),
  };
}

function lastCheck(task: Task): TaskTime['last_check'] {
  const last = task.evidence.at(-1);
  if (!last) return null;
  return { command: last.command, exit_code: last.exit_code, seconds: last.seconds, at: last.at, timed_out: last.timed_out };
}

/** Actual against estimated time, per task and per sprint; for one session when given. */
export function timeReport(plan: PlanFile, sessions: SessionsFile, now: Date, filter: { sprint?: string; session?: Session }): SprintTime[] {
  const actualOf = (t: Task) =>
    filter.session ? sessionTaskSeconds(filter.session, t.code, now) : taskSeconds(t, sessions, now);
  const groups: { code: string | null; title: string; tasks: Task[] }[] = plan.sprints
    .filter((s) => !filter.sprint || sameCode(s.code, filter.sprint))
    .map((s) => ({ code: s.code, title: s.title, tasks: tasksOf(plan, s.code) }));
  if (!filter.sprint) {
    const loose = plan.tasks.filter((t) => t.sprint === null);
    if (loose.length) groups.push({ code: null, title: 'No sprint', tasks: loose });
  }
  return groups.map((g) => {
    let tasks = g.tasks.map((t) => taskTime(t, actualOf(t)));
    if (filter.session) tasks = tasks.filter((t) => t.actual_seconds > 0);
    const closed = tasks.filter((t) => t.status === 'completed' && t.estimate_seconds);
    const closedEstimate = closed.reduce((sum, t) => sum + t.estimate_seconds!, 0);
    const closedActual = closed.reduce((sum, t) => sum + t.actual_seconds, 0);
    return {
      code: g.code,
      title: g.title,
      tasks,
      estimate_seconds: tasks.reduce((sum, t) => sum + (t.estimate_seconds ?? 0), 0),
      actual_seconds: tasks.reduce((sum, t) => sum + t.actual_seconds, 0),
      running_ratio: closedEstimate ? round2(closedActual / closedEstimate) : null,
      incomplete: tasks.filter((t) => t.incomplete).map((t) => t.code),
    };
  });
}
