import { useMemo } from 'react';
import type { Codes } from '../../core/board.js';
import type { Execute } from '../executor.js';
import type { LiveBoard } from '../live-board.js';

/** Longest a completion waits for the codes; past it, it offers those it has, and the keys typed meanwhile go on. */
const WAIT_MS = 1000;

const NONE: Codes = { tasks: [], sprints: [], sessions: [] };

export interface CodesAtHand {
  /** The codes, when the home has not changed since they were read; else null. */
  fresh(): Codes | null;
  /** The codes as the home holds them now: read again if it changed since (or the last read, after WAIT_MS). */
  read(): Promise<Codes>;
}

/**
 * The codes the prompt completes (tasks with their titles, sprints, open
 * sessions), read when a completion needs them and the home changed since
 * they were last read. They span the whole plan: read on every write of an
 * agent, they would cost the screen most of its time on a big plan, for a
 * list looked at only when Tab is pressed. Read on the command thread, so
 * the screen keeps drawing meanwhile.
 */
export function useCodes(command: Execute, live: LiveBoard): CodesAtHand {
  return useMemo(() => {
    let last: { codes: Codes; at: number } | null = null;
    let reading: { at: number; codes: Promise<Codes> } | null = null;
    const fresh = () => (last && last.at === live.reads() ? last.codes : null);
    const load = (): Promise<Codes> => {
      const at = live.reads();
      if (reading?.at === at) return reading.codes;
      const codes = command(live.ownKey(), 'codes', {}).then(
        (answer) => {
          if (!answer.success || answer.data.ui !== 'codes') return last?.codes ?? NONE;
          const { ui: _ui, ...codes } = answer.data;
          // A read that started later may have answered first: the fresher one stays.
          if (!last || last.at <= at) last = { codes, at };
          return codes;
        },
        () => last?.codes ?? NONE,
      );
      reading = { at, codes };
      return codes;
    };
    return {
      fresh,
      read() {
        const now = fresh();
        if (now) return Promise.resolve(now);
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<Codes>((resolve) => {
          timer = setTimeout(() => resolve(last?.codes ?? NONE), WAIT_MS);
        });
        return Promise.race([load(), late]).finally(() => clearTimeout(timer));
      },
    };
  }, [command, live]);
}
