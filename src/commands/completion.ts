import { checkTask, closeInvocation, type CheckResult } from '../core/checks.js';
import { activeTaskCode } from '../core/context.js';
import { completeTask } from '../core/session.js';
import { taskSeconds } from '../core/timer.js';
import { taskView } from '../core/views.js';
import { sameCode } from '../domain/codes.js';
import { FragmentsError } from '../domain/errors.js';
import type { Task } from '../domain/plan.js';
import type { Session } from '../domain/session.js';
import type { Tx } from '../store/store.js';
import { logActivity } from './activity.js';
import { findingHints, gate } from './findings.js';
import { planNear } from './plan-scope.js';
import type { Ctx, Outcome } from './types.js';

export const isActiveTask = (session: Session, task: Task) => sameCode(activeTaskCode(session) ?? '', task.code);

/**
 * The one way a task reaches `completed`: its check passes, or `force`
 * closes it anyway, marked incomplete with what failed on record.
 */
export async function finishTask(tx: Tx, ctx: Ctx, session: Session, task: Task, opts: { summary?: string | undefined; force?: boolean | undefined }): Promise<Outcome> {
  if (task.status === 'completed' || task.status === 'cancelled') {
    throw new FragmentsError('TASK_CLOSED', `${task.code} is already ${task.status}.`);
  }
  const plan = await planNear(tx, session, { tasks: [task.code] });
  const config = await tx.config();
  const now = ctx.now();
  const at = now.toISOString();
  const active = isActiveTask(session, task);
  if (opts.summary?.trim()) {
    task.summary = opts.summary;
    task.updated_at = at;
  }
  const checks: CheckResult = checkTask(plan, task, taskSeconds(task, await tx.sessions(), now), config, active);
  const refusal = await gate(tx, ctx, session, {
    checks,
    force: opts.force,
    refused: `${task.code} is not complete`,
    escape: { say: 'Or close it anyway, marked incomplete', run: closeInvocation(task, active, { summary: task.summary ?? '…', force: true }) },
    data: { task: taskView(await tx.sessions(), task, now), completed: false },
    about: { task: task.code },
  });
  if (refusal) return refusal;
  const incomplete = checks.errors.length > 0;
  const sprint = task.sprint;
  completeTask(await tx.sessions(), plan, task, now, incomplete, session);
  await logActivity(tx, ctx, session, {
    kind: 'command',
    text: task.summary,
    task: task.code,
    sprint,
    data: { completed: [task.code], incomplete, actual_seconds: Math.round(task.actual_seconds) },
  });
  const hints = findingHints(checks, false);
  const estimate = checks.warnings.find((w) => w.check === 'estimate');
  const estimate_suggestion = estimate?.fix ? { task: task.code, duration: String(estimate.fix.run.args?.duration), reason: estimate.message } : null;
  return {
    data: { task: taskView(await tx.sessions(), task, now), completed: true, warnings: checks.warnings.map((w) => w.message), estimate_suggestion },
    hints: { ...hints, next_actions: [`${task.code} is complete${incomplete ? ' (marked incomplete)' : ''}; take the next ready task`] },
  };
}
