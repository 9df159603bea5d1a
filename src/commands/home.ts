import * as z from 'zod';
import type { FileCheck } from '../store/doctor.js';
import { defineCommand } from '../runner/define.js';

/** One problem as a clause: damage says what it is; other problems carry their own fix. */
function clause(check: FileCheck): string {
  const problem = check.problem?.replace(/\.$/, '');
  return check.code === 'DAMAGED_FILE' ? `${check.file} is damaged (${problem})` : `${check.file}: ${problem}`;
}

const repairable = (problems: FileCheck[]) => problems.some((c) => c.code === 'DAMAGED_FILE' || c.code === 'BROKEN_REFERENCE');
const NEXT = ' Run `fragments doctor --repair` to bring each back to the last state Fragments acknowledged (a damaged file is kept aside).';

function report(problems: FileCheck[], repair: boolean): string {
  if (repair) return `${problems.map((c) => `${clause(c)} (${c.repair})`).join('. ')}.`;
  return `${problems.map(clause).join('. ')}.${repairable(problems) ? NEXT : ''}`;
}

/** The last line under the list of files, which already says what is wrong with each: how many, and what to do. */
function summary(problems: FileCheck[], repair: boolean): string {
  const files = [...new Set(problems.map((c) => c.file))];
  const what = `${problems.length} problem${problems.length === 1 ? '' : 's'} ${repair ? 'left' : 'found'} (${files.join(', ')}).`;
  if (!repair && repairable(problems)) return `${what}${NEXT}`;
  return `${what} Fix what ${problems.length === 1 ? 'it says' : 'each says'}, then run \`fragments doctor\` again.`;
}

export const homeCommands = [
  defineCommand({
    name: 'doctor',
    summary: 'Check every file of the home and the references between them; --repair restores the last acknowledged copy of a damaged one',
    tx: 'none',
    args: { repair: z.boolean().optional() },
    async run(ctx, args) {
      const repair = args.repair ?? false;
      const checks = await ctx.store.doctor(repair, ctx.now());
      const problems = checks.filter((c) => !c.ok);
      const unrepaired = problems.filter((c) => !c.repaired);
      return {
        data: {
          ui: 'doctor',
          home: ctx.store.where,
          files: checks,
          damaged: problems.length,
          repaired: problems.length - unrepaired.length,
          ...(unrepaired.length ? { summary: summary(unrepaired, repair) } : {}),
        },
        ...(unrepaired.length ? { failure: { code: unrepaired[0]!.code ?? 'DAMAGED_FILE', message: report(unrepaired, repair) } } : {}),
      };
    },
  }),
];
