import { sameCode } from '../domain/codes.js';
import { DURATION_LIMITS, estimateSeconds, formatEstimate, formatRatio, formatSeconds, hoursArg } from '../domain/duration.js';
import type { Config } from '../domain/config.js';
import type { Evidence, PlanFile, Sprint, Task } from '../domain/plan.js';
import type { Session } from '../domain/session.js';
import { activeTaskCode } from './context.js';
import type { Invocation } from './instructions.js';
import { openDependencies } from './next-task.js';
import { isClosed, subtasksOf, tasksOf } from './plan.js';

export interface Finding {
  check: string;
  message: string;
  /** The command that fixes it. */
  fix?: { say: string; run: Invocation };
}

export interface Readiness {
  errors: Finding[];
  warnings: Finding[];
}

/** `done` and `update` act on the active task only; any other is named. */
export function closeInvocation(task: Task, active: boolean, args: Invocation['args']): Invocation {
  return active ? { command: 'done', args } : { command: 'task:deactivate', args: { code: task.code, ...args } };
}

/**
 * SPEC 5, task: what must hold before a task is completed. `actual` is its
 * tracked time in seconds; `active` says whether it is the session's active
 * task, which decides the commands that fix what fails.
 */
export function taskReadiness(
  plan: PlanFile,
  task: Task,
  actual: number,
  config: Config,
  active: boolean,
  /** Tasks closing together with this one (a bulk completion): its subtasks and dependencies among them count as done. */
  closingWith: ReadonlySet<string> = new Set(),
): Readiness {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const { min_updates, recommended_updates, estimate_low_ratio, estimate_high_ratio } = config.checks;
  if (!task.summary?.trim()) {
    errors.push({
      check: 'summary',
      message: `${task.code} has no summary of what was done`,
      fix: { say: 'Complete it with a summary', run: closeInvocation(task, active, { summary: '…' }) },
    });
  }
  if (task.updates.length < min_updates) {
    errors.push({
      check: 'context_updates',
      message: `${task.code} has ${task.updates.length} context update(s); at least ${min_updates} needed`,
      fix: active
        ? { say: 'Record what changed', run: { command: 'update', args: { text: '…' } } }
        : { say: `Activate ${task.code} to record what changed`, run: { command: 'task:activate', args: { code: task.code } } },
    });
  } else if (task.updates.length < recommended_updates) {
    warnings.push({ check: 'context_updates', message: `${task.code} has only ${task.updates.length} context update(s); ${recommended_updates} or more keep its history useful` });
  }
  if (!task.started) {
    errors.push({
      check: 'started',
      message: `${task.code} was never started (status never went through in_progress)`,
      fix: { say: 'Start it first', run: { command: 'task:activate', args: { code: task.code } } },
    });
  }
  if (task.status === 'blocked') {
    errors.push({
      check: 'blocked',
      message: `${task.code} is blocked (${task.block_reason ?? 'no reason given'})`,
      fix: active
        ? { say: 'Unblock it first', run: { command: 'unblock' } }
        : { say: `Activate ${task.code} to take it up again`, run: { command: 'task:activate', args: { code: task.code } } },
    });
  }
  const waiting = openDependencies(plan, task).filter((code) => ![...closingWith].some((c) => sameCode(c, code)));
  if (waiting.length) {
    errors.push({
      check: 'dependencies',
      message: `${task.code} depends on ${waiting.join(', ')}, not completed yet`,
      fix: { say: `Finish ${waiting[0]} first`, run: { command: 'task:activate', args: { code: waiting[0] } } },
    });
  }
  for (const sub of subtasksOf(plan, task.code).filter((s) => !isClosed(s) && !closingWith.has(s.code))) {
    errors.push({
      check: 'subtasks',
      message: `subtask ${sub.code} is ${sub.status}`,
      fix: { say: `Finish ${sub.code}`, run: { command: 'task:activate', args: { code: sub.code } } },
    });
  }
  if (actual <= 0) warnings.push({ check: 'time', message: `no time was tracked on ${task.code}` });
  if (task.estimate && estimateSeconds(task.estimate) > 0 && actual > 0) {
    const ratio = actual / estimateSeconds(task.estimate);
    if (ratio < estimate_low_ratio || ratio > estimate_high_ratio) {
      warnings.push({
        check: 'estimate',
        message: `${task.code} took ${formatSeconds(actual)} against ${formatEstimate(task.estimate)} estimated (${formatRatio(ratio)})`,
        // Under a minute of tracked time says the work was not timed, not how long it takes: no estimate to offer.
        ...(actual >= DURATION_LIMITS.min_hours * 3600
          ? { fix: { say: `Update the estimate to ${hoursArg(actual / 3600)}`, run: { command: 'estimate', args: { duration: hoursArg(actual / 3600), task: task.code } } } }
          : {}),
      });
    }
  }
  return { errors, warnings };
}

/** A completion check that did not pass is an error of the completion, forceable like the others. */
export function evidenceFinding(evidence: Evidence): Finding | null {
  if (evidence.exit_code === 0) return null;
  const how = evidence.timed_out
    ? `did not finish within ${evidence.seconds} s and was stopped`
    : evidence.exit_code === null
      ? 'could not run'
      : `exited ${evidence.exit_code}`;
  return { check: 'evidence', message: `\`${evidence.command}\` ${how} (its output tail is in the task's evidence)` };
}

/** SPEC 5, sprint. */
export function sprintReadiness(plan: PlanFile, sprint: Sprint): Readiness {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const open = tasksOf(plan, sprint.code).filter((t) => !isClosed(t));
  if (open.length) {
    errors.push({
      check: 'tasks',
      message: `${open.length} task(s) of ${sprint.code} are not completed or cancelled: ${open.slice(0, 5).map((t) => t.code).join(', ')}${open.length > 5 ? ', …' : ''}`,
      fix: { say: `Finish ${open[0]!.code}`, run: { command: 'task:activate', args: { code: open[0]!.code } } },
    });
  }
  if (!sprint.retrospective?.trim()) {
    warnings.push({
      check: 'retrospective',
      message: `${sprint.code} has no retrospective`,
      fix: { say: 'Close it with a retrospective', run: { command: 'sprint:deactivate', args: { code: sprint.code, retrospective: '…' } } },
    });
  }
  const artifacts = tasksOf(plan, sprint.code).reduce((n, t) => n + t.artifacts.length, 0);
  if (sprint.deliverables.length === 0 && artifacts === 0) {
    warnings.push({ check: 'deliverables', message: `no deliverables are recorded for ${sprint.code} (record them with \`artifact\` on its tasks)` });
  }
  if (!plan.sprints.some((s) => s !== sprint && s.status === 'planned')) {
    warnings.push({
      check: 'next_sprint',
      message: 'no next sprint is planned',
      fix: { say: 'Plan the next sprint', run: { command: 'sprint:create', args: { code: '…', title: '…' } } },
    });
  }
  return { errors, warnings };
}

/** SPEC 5, session end. */
export function sessionEndReadiness(session: Session, summary: string | null): Readiness {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const task = activeTaskCode(session);
  if (task) {
    errors.push({
      check: 'active_task',
      message: `${task} is still active (with --force it stays in_progress, paused)`,
      fix: { say: `Finish ${task}`, run: { command: 'done', args: { summary: '…' } } },
    });
  }
  if (!summary?.trim()) {
    warnings.push({
      check: 'summary',
      message: 'the session has no summary',
      fix: { say: 'End it with a summary', run: { command: 'session:end', args: { summary: '…' } } },
    });
  }
  return { errors, warnings };
}
