import * as z from 'zod';
import { PLAN_FORMAT_TEXT, PLAN_SCHEMA } from '../core/plan-format.js';
import { closest, didYouMean } from '../domain/codes.js';
import { FragmentsError } from '../domain/errors.js';
import { usageLine } from '../runner/arguments.js';
import { defineCommand, type Command } from '../runner/define.js';

function describe(command: Command) {
  return {
    name: command.name,
    slash: command.slash ?? null,
    summary: command.summary,
    usage: usageLine(command),
    example: command.example ?? null,
  };
}

export const helpCommands = [
  defineCommand({
    name: 'help',
    slash: '/help',
    summary: 'List the commands, or show one in full; `help plan-format` gives the JSON plan that import reads',
    tx: 'none',
    positional: ['command'],
    args: { command: z.string().optional() },
    completes: { command: 'command' },
    async run(ctx, args) {
      const commands = ctx.catalogue?.commands ?? [];
      if (!args.command) {
        return { data: { ui: 'commands', commands: commands.map((c) => ({ name: c.name, slash: c.slash ?? null, summary: c.summary })) }, quiet: true };
      }
      if (args.command.toLowerCase() === 'plan-format') return { data: { ui: 'topic', topic: 'plan-format', text: PLAN_FORMAT_TEXT, schema: PLAN_SCHEMA }, quiet: true };
      const command = ctx.catalogue?.find(args.command);
      if (!command) {
        const near = closest(args.command, commands.map((c) => c.name));
        throw new FragmentsError('UNKNOWN_COMMAND', `No command "${args.command}".${didYouMean(near)} (\`help plan-format\` describes the JSON plan.)`, { suggestions: near });
      }
      return { data: { ui: 'usage', command: describe(command) }, quiet: true };
    },
  }),
];
