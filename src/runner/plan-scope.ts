import { activeSprintCode, activeTaskCode } from '../core/context.js';
import { nextTask, type NextChoice } from '../core/next-task.js';
import { sameCode } from '../domain/codes.js';
import type { PlanFile } from '../domain/plan.js';
import type { Session } from '../domain/session.js';
import type { PlanScope } from '../store/plan-state.js';
import type { Tx } from '../store/store.js';

/**
 * The plan a command about the session's own work needs: the sprint and tasks
 * on its stack, the task its timer runs on, and what `extra` names. On a big
 * plan that is the index and a sprint file or two, not every task.
 */
export async function planNear(tx: Tx, session: Session | null, extra: PlanScope = {}): Promise<PlanFile> {
  const frames = session?.stack ?? [];
  const timer = session?.time_entries.findLast((e) => e.end === null);
  return tx.planAround({
    sprints: [...frames.filter((f) => f.kind === 'sprint').map((f) => f.code), ...(extra.sprints ?? [])],
    tasks: [...frames.filter((f) => f.kind !== 'sprint').map((f) => f.code), ...(timer ? [timer.task] : []), ...(extra.tasks ?? [])],
  });
}

/**
 * A plan that can answer "which task is next" for `sprint`: its sprint file
 * suffices while it has a ready task (those come first); otherwise the
 * choice ranges over every sprint, so it takes the whole plan.
 */
export async function planForNext(tx: Tx, session: Session | null, sprint: string | null): Promise<PlanFile> {
  return (await nextAround(tx, session, sprint)).plan;
}

/** The plan for `planForNext`, with the choice made on it when its sprint's file gave it. */
async function nextAround(tx: Tx, session: Session | null, sprint: string | null): Promise<{ plan: PlanFile; next: NextChoice | null }> {
  const plan = await planNear(tx, session, { sprints: sprint ? [sprint] : [] });
  const next = sprint ? nextTask(plan, sprint) : null;
  return next?.task?.sprint && sameCode(next.task.sprint, sprint!) ? { plan, next } : { plan: await tx.plan(), next: null };
}

/**
 * What the instructions after a command need: the active task's surroundings,
 * or the next task when none is active, with that choice when it was made
 * already (the instructions would make it again, over a big sprint).
 */
export async function planForAdvice(tx: Tx, session: Session | null): Promise<{ plan: PlanFile; next: NextChoice | null }> {
  if (!session || activeTaskCode(session)) return { plan: await planNear(tx, session), next: null };
  return nextAround(tx, session, activeSprintCode(session));
}
