import * as z from 'zod';
import { closest, didYouMean } from '../domain/codes.js';
import { FragmentsError } from '../domain/errors.js';
import { boardCommands } from './board.js';
import { contextCommands } from './context.js';
import { forecastCommands } from './forecast.js';
import { homeCommands } from './home.js';
import { initCommands } from './init.js';
import { usageLine } from '../runner/arguments.js';
import { planFileCommands } from './plan-files.js';
import { PLAN_FORMAT_TEXT, PLAN_SCHEMA } from '../core/plan-format.js';
import { planCommands } from './plan.js';
import { reportCommands } from './report.js';
import { makeCatalogue } from '../runner/execute.js';
import { sessionCommands } from './session.js';
import { defineCommand, type Command } from '../runner/define.js';
import { updateCommands } from './updates.js';

const help = defineCommand({
  name: 'help',
  slash: '/help',
  summary: 'List the commands, or show one in full; `help plan-format` gives the JSON plan that import reads',
  tx: 'none',
  positional: ['command'],
  args: () => z.object({ command: z.string().optional() }),
  async run(_ctx, args) {
    if (!args.command) {
      return { data: { commands: catalogue.commands.map((c) => ({ name: c.name, slash: c.slash ?? null, summary: c.summary })) }, quiet: true };
    }
    if (args.command.toLowerCase() === 'plan-format') return { data: { topic: 'plan-format', text: PLAN_FORMAT_TEXT, schema: PLAN_SCHEMA }, quiet: true };
    const command = catalogue.find(args.command);
    if (!command) {
      const near = closest(args.command, catalogue.commands.map((c) => c.name));
      throw new FragmentsError('UNKNOWN_COMMAND', `No command "${args.command}".${didYouMean(near)} (\`help plan-format\` describes the JSON plan.)`, { suggestions: near });
    }
    return { data: { command: describe(command) }, quiet: true };
  },
});

export function describe(command: Command) {
  return {
    name: command.name,
    slash: command.slash ?? null,
    summary: command.summary,
    usage: usageLine(command),
    example: command.example ?? null,
  };
}

export const catalogue = makeCatalogue([
  ...sessionCommands,
  ...contextCommands,
  ...updateCommands,
  ...planCommands,
  ...planFileCommands,
  ...reportCommands,
  ...forecastCommands,
  ...homeCommands,
  ...boardCommands,
  ...initCommands,
  help,
]);
