import { z } from 'zod';
import { timeReport } from '../core/report.js';
import { findSprint } from '../core/plan.js';
import { closest } from '../domain/codes.js';
import { notFound } from '../domain/errors.js';
import { Code } from './args.js';
import { defineCommand } from './types.js';
import { SessionKey } from '../domain/session.js';

export const reportCommands = [
  defineCommand({
    name: 'report',
    slash: '/report',
    summary: 'Actual against estimated time per task and sprint; incomplete tasks marked',
    tx: 'read',
    args: z.object({ sprint: Code.optional(), session: SessionKey.optional() }),
    async run(tx, args, ctx) {
      const plan = await tx.plan();
      const sessions = await tx.sessions();
      const sprint = args.sprint ? findSprint(plan, args.sprint).code : undefined;
      const session = args.session ? sessions.sessions.find((s) => s.key.toLowerCase() === args.session!.toLowerCase()) : undefined;
      if (args.session && !session) throw notFound('session', args.session, closest(args.session, sessions.sessions.map((s) => s.key)));
      const sprints = timeReport(plan, sessions, ctx.now(), { ...(sprint ? { sprint } : {}), ...(session ? { session } : {}) });
      return { data: { sprints, incomplete: sprints.flatMap((s) => s.incomplete) }, quiet: true };
    },
  }),
];
