import { boardView } from '../core/board.js';
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
      return { data: { ui: 'board', ...boardView(await tx.plan(), await tx.sessions(), session, activities, await tx.config(), ctx.now(), await tx.current(), tx.person()) } };
    },
  }),
];
