import * as z from 'zod';
import type { Config } from '../../domain/config.js';
import { FragmentsError } from '../../domain/errors.js';
import type { Evidence } from '../../domain/plan.js';
import type { Tx } from '../../store/store.js';
import { Flag, RequiredText } from './args.js';
import { runCheckCommand } from '../../project/check-command.js';
import type { Ctx } from '../../runner/define.js';

/**
 * The arguments of every command that completes a task. `check` is a command
 * line to run (CLI, TUI) or `true`: the configured `completion_check`, the
 * only form MCP and HTTP may use.
 */
export const CheckCommandArgs = {
  check: z.lazy(() => z.union([z.literal(true), RequiredText]).optional()),
  no_check: Flag,
};

export interface CheckCommandChoice {
  check?: true | string | undefined;
  no_check?: boolean | undefined;
}

/** What the completion check came to, handed from before the transaction to the command. */
export type CheckCommandOutcome = { evidence: Evidence } | { skipped: string } | null;

/** Which command to run for a completion, if any; refuses what this face may not run. */
export function chooseCheckCommand(ctx: Ctx, args: CheckCommandChoice, config: Config): { run: string } | { skipped: string } | null {
  const configured = config.completion_check;
  if (args.check !== undefined && args.no_check) throw new FragmentsError('USAGE', 'Give --check or --no-check, not both.');
  if (typeof args.check === 'string') {
    if (!ctx.byDeveloper) {
      const instead = configured ? `pass check: true to run the configured \`${configured}\`` : 'no completion_check is configured in config.json, so none can run from here';
      throw new FragmentsError(
        'CHECK_NOT_ALLOWED',
        `A check command is run only when the developer types it (CLI or TUI); over ${ctx.face === 'mcp' ? 'MCP' : 'HTTP'} only the configured completion_check may run: ${instead}. Nothing was run or recorded.`,
      );
    }
    return { run: args.check };
  }
  if (args.check === true) {
    if (!configured) {
      throw new FragmentsError('NO_COMPLETION_CHECK', 'check: true runs the configured completion_check, and config.json names none: add e.g. "completion_check": "npm test" to the home\'s config.json.');
    }
    return { run: configured };
  }
  if (args.no_check && configured && !ctx.byDeveloper) {
    // The configured check is the developer's gate: an agent may force past it (marked incomplete), never skip it unseen.
    throw new FragmentsError(
      'CHECK_NOT_ALLOWED',
      `Skipping the configured completion check (\`${configured}\`) is the developer's call, from the CLI or the TUI. To close the task without it passing, use force: it runs the check and closes the task marked incomplete.`,
    );
  }
  if (args.no_check) return configured ? { skipped: configured } : null;
  return configured ? { run: configured } : null;
}

/**
 * Runs the completion check before the command's transaction: a check may run
 * for minutes, and the home's lock must never be held that long. `ready`
 * reads what must hold for the completion to be worth checking (a task to
 * close), so a check is never run for a command that fails anyway.
 */
export async function runCheckCommandFirst(ctx: Ctx, args: CheckCommandChoice, ready: (tx: Tx) => Promise<unknown>): Promise<CheckCommandOutcome> {
  const config = await ctx.store.read(async (tx) => {
    await ready(tx);
    return tx.config();
  });
  const choice = chooseCheckCommand(ctx, args, config);
  if (!choice) return null;
  if ('skipped' in choice) return choice;
  ctx.checking?.(choice.run);
  return { evidence: await runCheckCommand(choice.run, ctx.cwd ?? process.cwd(), config.check_timeout_seconds, ctx.now) };
}
