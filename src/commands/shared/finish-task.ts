import { evidenceFinding, taskReadiness, closeInvocation, type Readiness } from '../../core/readiness.js';
import { activeTaskCode } from '../../core/context.js';
import { isClosed } from '../../core/plan.js';
import { completeTask } from '../../core/session.js';
import { taskSeconds } from '../../core/timer.js';
import { taskView } from '../../core/views.js';
import { sameCode } from '../../domain/codes.js';
import { FragmentsError } from '../../domain/errors.js';
import type { Task } from '../../domain/plan.js';
import type { Session, SessionsFile } from '../../domain/session.js';
import type { Tx } from '../../store/store.js';
import type { CheckCommandOutcome } from './completion-check.js';
import { logActivity } from '../../runner/record.js';
import { recordCommits } from '../../project/commit-artifacts.js';
import { findingHints, gate } from './gate.js';
import { planNear } from '../../runner/plan-scope.js';
import type { Ctx } from '../../runner/define.js';

export const isActiveTask = (session: Session, task: Task) => sameCode(activeTaskCode(session) ?? '', task.code);

/** A closed task is never closed again; said before a completion check would run for nothing. */
export function refuseClosed(task: Task): void {
  if (isClosed(task)) throw new FragmentsError('TASK_CLOSED', `${task.code} is already ${task.status}.`);
}

/**
 * The one way a task reaches `completed`: its check passes, or `force`
 * closes it anyway, marked incomplete with what failed on record.
 */
export async function finishTask(
  tx: Tx,
  ctx: Ctx,
  session: Session,
  task: Task,
  opts: { summary?: string | undefined; force?: boolean | undefined },
  check: CheckCommandOutcome | undefined,
) {
  refuseClosed(task);
  const plan = await planNear(tx, session, { tasks: [task.code] });
  const config = await tx.config();
  const now = ctx.now();
  const at = now.toISOString();
  const active = isActiveTask(session, task);
  if (opts.summary?.trim()) {
    task.summary = opts.summary;
    task.updated_at = at;
  }
  const readiness: Readiness = withEvidence(taskReadiness(plan, task, taskSeconds(task, await tx.sessions(), now), config, active), task, check);
  const refusal = await gate(tx, ctx, session, {
    readiness,
    force: opts.force,
    refused: `${task.code} is not complete`,
    escape: { say: 'Or close it anyway, marked incomplete', run: closeInvocation(task, active, { summary: task.summary ?? '…', force: true }) },
    data: { task: completionView(await tx.sessions(), task, now), completed: false },
    about: { task: task.code },
  });
  if (refusal) return refusal;
  const incomplete = readiness.errors.length > 0;
  const sprint = task.sprint;
  const commits = await recordCommits(plan, await tx.sessions(), task, session.key, at);
  completeTask(await tx.sessions(), plan, task, now, incomplete, session, config);
  await logActivity(tx, ctx, session, {
    kind: 'command',
    text: task.summary,
    task: task.code,
    sprint,
    data: { completed: [task.code], incomplete, actual_seconds: Math.round(task.actual_seconds), ...evidenceRecord(check) },
  });
  const hints = findingHints(readiness, false);
  const estimate = readiness.warnings.find((w) => w.check === 'estimate');
  const estimate_suggestion = estimate?.fix ? { task: task.code, duration: String(estimate.fix.run.args?.duration), reason: estimate.message } : null;
  return {
    data: { ui: 'task-completed' as const, task: completionView(await tx.sessions(), task, now), completed: true, warnings: readiness.warnings.map((w) => w.message), estimate_suggestion, commits: commits.value },
    hints: { ...hints, ...(commits.warning ? { validation_warnings: [...(hints.validation_warnings ?? []), commits.warning] } : {}), next_actions: [`${task.code} is complete${incomplete ? ' (marked incomplete)' : ''}; take the next ready task`] },
  };
}

/** A task as a completion answers with it: its evidence included, newest last. */
export const completionView = (sessions: SessionsFile, task: Task, now: Date) => ({ ...taskView(sessions, task, now), evidence: task.evidence });

/**
 * Keeps the completion check's result on the task, passed or not (a failed
 * attempt is evidence too), and adds its verdict to the task's readiness; a
 * skipped check is said as a warning.
 */
export function withEvidence(readiness: Readiness, task: Task, check: CheckCommandOutcome | undefined): Readiness {
  if (!check) return readiness;
  if ('skipped' in check) {
    return { ...readiness, warnings: [...readiness.warnings, { check: 'evidence', message: `the completion check \`${check.skipped}\` was skipped (--no-check)` }] };
  }
  task.evidence.push(check.evidence);
  const failed = evidenceFinding(check.evidence);
  return failed ? { ...readiness, errors: [...readiness.errors, failed] } : readiness;
}

/** What the completion activity says of the check. */
export function evidenceRecord(check: CheckCommandOutcome | undefined): Record<string, unknown> {
  if (!check) return {};
  if ('skipped' in check) return { check_skipped: check.skipped };
  return { check: { command: check.evidence.command, exit_code: check.evidence.exit_code, seconds: check.evidence.seconds } };
}
