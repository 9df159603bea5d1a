import { calibrate } from '../core/calibration.js';
import { activeSprintCode } from '../core/context.js';
import { forecast } from '../core/forecast.js';
import { findSprint } from '../core/plan.js';
import { Code } from './shared/args.js';
import { currentSession } from '../runner/session-scope.js';
import { defineCommand } from '../runner/define.js';

export const forecastCommands = [
  defineCommand({
    name: 'forecast',
    slash: '/forecast',
    summary: 'When the sprint will really end: its remaining estimates × how estimates have run, with a range and a finish date',
    tx: 'read',
    completes: { sprint: 'sprint' },
    args: { sprint: Code.optional() },
    example: 'fragments forecast --sprint SPRINT-SESS-1',
    async run(tx, args, ctx) {
      const plan = await tx.plan();
      // The sprint named, else the one being worked in, else the one in progress, else the whole plan.
      const code =
        args.sprint ?? activeSprintCode(await currentSession(tx, ctx)) ?? plan.sprints.find((s) => s.status === 'in_progress')?.code ?? null;
      const sprint = code === null ? null : findSprint(plan, code).code;
      return { data: { ui: 'forecast', ...forecast(plan, await tx.sessions(), calibrate(plan), sprint, ctx.now()) }, quiet: true };
    },
  }),
];
