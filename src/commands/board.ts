import { boardScope, boardView, codesView } from '../core/board.js';
import { recentActivities } from '../store/activity-log.js';
import { Count } from './shared/args.js';
import { currentSession } from '../runner/session-scope.js';
import { defineCommand } from '../runner/define.js';

export const boardCommands = [
  defineCommand({
    name: 'board',
    summary: 'What a live screen shows: session, sprint and task with their time, recent activity, next steps',
    tx: 'read',
    args: { limit: Count.default(200) },
    async run(tx, args, ctx) {
      const session = await currentSession(tx, ctx);
      const activities = session ? await recentActivities(tx, session.key, args.limit) : [];
      const sessions = await tx.sessions();
      // The sprint files the sessions work in: a screen reads this on every write of an agent, however big the plan.
      const near = await tx.planAround(boardScope(sessions, session));
      // Whether there is any plan at all is asked of the whole one only when those files hold no task.
      const plan = near.tasks.length > 0 ? near : await tx.plan();
      return { data: { ui: 'board', ...boardView(plan, sessions, session, activities, await tx.config(), ctx.now(), await tx.current(), tx.person()) } };
    },
  }),
  defineCommand({
    name: 'codes',
    summary: 'What the prompt completes: every task’s code, title and status, the sprints’ codes, the open sessions’ keys',
    tx: 'read',
    args: {},
    async run(tx) {
      return { data: { ui: 'codes', ...codesView(await tx.plan(), await tx.sessions()) }, quiet: true };
    },
  }),
];
