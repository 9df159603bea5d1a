import * as z from 'zod';
import { doctor, type FileCheck } from '../store/doctor.js';
import { defineCommand } from './types.js';

/** One problem as a clause: damage says what it is; other problems carry their own fix. */
function clause(check: FileCheck): string {
  const problem = check.problem?.replace(/\.$/, '');
  return check.code === 'DAMAGED_FILE' ? `${check.file} is damaged (${problem})` : `${check.file}: ${problem}`;
}

function report(problems: FileCheck[], repair: boolean): string {
  if (repair) return `${problems.map((c) => `${clause(c)} (${c.repair})`).join('. ')}.`;
  const repairable = problems.some((c) => c.code === 'DAMAGED_FILE' || c.code === 'BROKEN_REFERENCE');
  const next = repairable ? ' Run `fragments doctor --repair` to bring each back to the last state Fragments acknowledged (a damaged file is kept aside).' : '';
  return `${problems.map(clause).join('. ')}.${next}`;
}

export const homeCommands = [
  defineCommand({
    name: 'doctor',
    summary: 'Check every file of the home and the references between them; --repair restores the last acknowledged copy of a damaged one',
    tx: 'none',
    args: () => z.object({ repair: z.boolean().optional() }),
    async run(ctx, args) {
      const repair = args.repair ?? false;
      const checks = await doctor(ctx.store, repair, ctx.now());
      const problems = checks.filter((c) => !c.ok);
      const unrepaired = problems.filter((c) => !c.repaired);
      return {
        data: { home: ctx.store.home, files: checks, damaged: problems.length, repaired: problems.length - unrepaired.length },
        ...(unrepaired.length ? { failure: { code: unrepaired[0]!.code ?? 'DAMAGED_FILE', message: report(unrepaired, repair) } } : {}),
      };
    },
  }),
];
