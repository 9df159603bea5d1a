import { calibrate } from '../core/calibration.js';
import { timeReport } from '../core/report.js';
import { findSprint } from '../core/plan.js';
import { Code } from './shared/args.js';
import { findSession } from '../runner/session-scope.js';
import { defineCommand } from '../runner/define.js';

export const reportCommands = [
  defineCommand({
    name: 'report',
    slash: '/report',
    summary: 'Actual against estimated time per task and sprint (--session KEY: that session only); incomplete tasks marked',
    tx: 'read',
    agent: 'Actual against estimated time per task and sprint.',
    completes: { sprint: 'sprint' },
    args: { sprint: Code.optional() },
    async run(tx, args, ctx) {
      const plan = await tx.plan();
      const sessions = await tx.sessions();
      const sprint = args.sprint ? findSprint(plan, args.sprint).code : undefined;
      // The session to report on is the explicit one (--session, session_key, X-Session-Key), else all.
      const session = ctx.sessionKey ? await findSession(tx, ctx.sessionKey) : undefined;
      const sprints = timeReport(plan, sessions, ctx.now(), { ...(sprint ? { sprint } : {}), ...(session ? { session } : {}) });
      return { data: { ui: 'report', sprints, incomplete: sprints.flatMap((s) => s.incomplete), calibration: calibrate(plan) }, quiet: true };
    },
  }),
];
