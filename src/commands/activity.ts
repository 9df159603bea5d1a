import { activeSprintCode, activeTaskCode } from '../core/context.js';
import type { Activity, ActivityKind } from '../domain/activity.js';
import type { Session } from '../domain/session.js';
import type { Tx } from '../store/store.js';
import type { Ctx } from './types.js';

export interface ActivityInput {
  kind: ActivityKind;
  text?: string | null;
  data?: Record<string, unknown>;
  /** Defaults to the active task and sprint at this moment. */
  task?: string | null;
  sprint?: string | null;
}

/** Appends one activity to the session's own file, tagged with where the session stands now. */
export async function logActivity(tx: Tx, ctx: Ctx, session: Session, input: ActivityInput): Promise<Activity> {
  const file = await tx.activity(session.key);
  const at = ctx.now().toISOString();
  const activity: Activity = {
    id: (file.activities.at(-1)?.id ?? 0) + 1,
    at,
    kind: input.kind,
    command: ctx.command ?? input.kind,
    text: input.text ?? null,
    session: session.key,
    task: input.task === undefined ? activeTaskCode(session) : input.task,
    sprint: input.sprint === undefined ? activeSprintCode(session) : input.sprint,
    source: ctx.face,
    ...(input.data ? { data: input.data } : {}),
  };
  file.activities.push(activity);
  session.activity_count += 1;
  session.last_activity_at = at;
  return activity;
}
