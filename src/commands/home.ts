import { z } from 'zod';
import { doctor } from '../store/doctor.js';
import { defineCommand } from './types.js';

export const homeCommands = [
  defineCommand({
    name: 'doctor',
    summary: 'Check every file of the home; --repair restores the last good copy of a damaged one',
    tx: 'none',
    args: z.object({ repair: z.boolean().optional() }),
    async run(ctx, args) {
      const checks = await doctor(ctx.store, args.repair ?? false, ctx.now());
      const damaged = checks.filter((c) => !c.ok);
      const unrepaired = damaged.filter((c) => !c.repaired);
      return {
        data: { home: ctx.store.home, files: checks, damaged: damaged.length },
        ...(unrepaired.length
          ? {
              failure: {
                code: 'DAMAGED_FILE',
                message: args.repair
                  ? `${unrepaired.map((c) => `${c.file}: ${c.repair ?? c.problem}`).join('; ')}.`
                  : `${damaged.map((c) => c.file).join(', ')} ${damaged.length === 1 ? 'is' : 'are'} damaged. Run \`fragments doctor --repair\` to restore the last good copy.`,
              },
            }
          : {}),
      };
    },
  }),
];
