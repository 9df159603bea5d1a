import * as z from 'zod';
import { activeTaskCode } from '../core/context.js';
import { estimateArg, findTask } from '../core/plan.js';
import { reestimate } from '../core/task-state.js';
import { taskView } from '../core/views.js';
import { formatEstimate } from '../domain/duration.js';
import { FragmentsError } from '../domain/errors.js';
import { Priority } from '../domain/plan.js';
import { defineCommand } from '../runner/define.js';
import { currentSession } from '../runner/session-scope.js';
import { Code, OptionalText, RequiredText } from './shared/args.js';

/** What changed, field by field, as it was and as it is. */
type Changes = Partial<Record<'title' | 'priority' | 'estimate' | 'description', { from: string | null; to: string | null }>>;

export const taskEditCommands = [
  defineCommand({
    name: 'task:edit',
    summary: 'Change a task’s title, priority, estimate or description (default: the active task)',
    tx: 'write',
    agent: 'Call when a task’s title, priority, estimate or description is wrong; name only what changes.',
    completes: { code: 'task' },
    positional: ['code'],
    args: { code: Code.optional(), title: RequiredText.optional(), priority: Priority.optional(), estimate: z.string().min(1).optional(), description: OptionalText },
    example: 'fragments task:edit T-42 --title "Add retries with backoff" --priority high --estimate 3h',
    async run(tx, args, ctx) {
      const { code: named, ...fields } = args;
      if (Object.values(fields).every((v) => v === undefined)) {
        throw new FragmentsError('USAGE', 'task:edit: name what to change: --title, --priority, --estimate or --description.');
      }
      const session = await currentSession(tx, ctx);
      const code = named ?? activeTaskCode(session);
      if (!code) throw new FragmentsError('NO_ACTIVE_TASK', 'No task is active: name the task to edit, e.g. `task:edit T-1 --title "…"`.');
      const plan = await tx.plan();
      const task = findTask(plan, code);
      const now = ctx.now();
      const changes: Changes = {};
      const estimate = fields.estimate === undefined ? undefined : estimateArg(fields.estimate, (await tx.config()).hours_per_day);
      if (estimate !== undefined && formatEstimate(estimate) !== formatEstimate(task.estimate)) {
        const before = reestimate(task, estimate, now);
        changes.estimate = { from: before ? formatEstimate(before) : null, to: formatEstimate(estimate) };
      }
      for (const field of ['title', 'priority', 'description'] as const) {
        const value = fields[field];
        if (value === undefined || value === task[field]) continue;
        changes[field] = { from: task[field], to: value };
        Object.assign(task, { [field]: value, updated_at: now.toISOString() });
      }
      return {
        data: { ui: 'task', task: taskView(await tx.sessions(), task, now), changes },
        about: { task: task.code, sprint: task.sprint },
        hints: Object.keys(changes).length ? {} : { validation_warnings: [`${task.code} already has these values: nothing changed.`] },
      };
    },
  }),
];
