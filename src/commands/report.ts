import { z } from 'zod';
import { timeReport } from '../core/report.js';
import { findSprint } from '../core/plan.js';
import { closest } from '../domain/codes.js';
import { notFound } from '../domain/errors.js';
import { Code } from './args.js';
import { defineCommand } from './types.js';

export const reportCommands = [
  defineCommand({
    name: 'report',
    slash: '/report',
    summary: 'Actual against estimated time per task and sprint (--session KEY: that session only); incomplete tasks marked',
    tx: 'read',
    args: z.object({ sprint: Code.optional() }),
    async run(tx, args, ctx) {
      const plan = await tx.plan();
      const sessions = await tx.sessions();
      const sprint = args.sprint ? findSprint(plan, args.sprint).code : undefined;
      // The session to report on is the explicit one (--session, session_key, X-Session-Key), else all.
      const key = ctx.sessionKey;
      const session = key ? sessions.sessions.find((s) => s.key.toLowerCase() === key.toLowerCase()) : undefined;
      if (key && !session) throw notFound('session', key, closest(key, sessions.sessions.map((s) => s.key)));
      const sprints = timeReport(plan, sessions, ctx.now(), { ...(sprint ? { sprint } : {}), ...(session ? { session } : {}) });
      return { data: { sprints, incomplete: sprints.flatMap((s) => s.incomplete) }, quiet: true };
    },
  }),
];
