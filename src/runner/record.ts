import { heardFrom } from '../core/clock.js';
import { activeSprintCode, activeTaskCode } from '../core/context.js';
import type { Activity, ActivityKind } from '../domain/activity.js';
import type { Session } from '../domain/session.js';
import { appendActivity, countDay } from '../store/activity-log.js';
import type { Tx } from '../store/store.js';
import type { Ctx } from './define.js';

export interface ActivityInput {
  kind: ActivityKind;
  text?: string | null;
  data?: Record<string, unknown>;
  /** Defaults to the active task and sprint at this moment. */
  task?: string | null;
  sprint?: string | null;
}

/** Appends one activity to the session's own history, tagged with where the session stands now. */
export async function logActivity(tx: Tx, ctx: Ctx, session: Session, input: ActivityInput): Promise<Activity> {
  const at = ctx.now().toISOString();
  const date = at.slice(0, 10);
  const person = tx.person();
  // Counted before the append, so a history from before the count is not counted twice.
  if (session.today === null) session.today = { date, counts: await countDay(tx, session.key, date) };
  if (session.today.date !== date) session.today = { date, counts: {} };
  session.today.counts[input.kind] = (session.today.counts[input.kind] ?? 0) + 1;
  const activity = await appendActivity(tx, session.key, (id) => ({
    id,
    at,
    kind: input.kind,
    command: ctx.command ?? input.kind,
    text: input.text ?? null,
    session: session.key,
    task: input.task === undefined ? activeTaskCode(session) : input.task,
    sprint: input.sprint === undefined ? activeSprintCode(session) : input.sprint,
    source: ctx.face,
    ...(person === null ? {} : { user: person }),
    ...(input.data ? { data: input.data } : {}),
  }));
  session.activity_count += 1;
  heardFrom(session, ctx.now());
  return activity;
}
