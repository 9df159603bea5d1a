import type { Readiness, Finding } from '../../core/readiness.js';
import type { InstructionHints } from '../../core/instructions.js';
import type { Session } from '../../domain/session.js';
import type { Tx } from '../../store/store.js';
import { logActivity, type ActivityInput } from '../../runner/record.js';
import type { Ctx, Outcome } from '../../runner/define.js';

/** Readiness as instructions: each finding says what failed and the command that fixes it. */
export function findingHints(readiness: Readiness, failed: boolean, escape?: Finding['fix']): InstructionHints {
  const fixes = (list: Finding[]) => list.flatMap((f) => (f.fix ? [f.fix] : []));
  return {
    validation_errors: readiness.errors.map((f) => f.message),
    validation_warnings: readiness.warnings.map((f) => f.message),
    required_actions: failed ? [...fixes(readiness.errors), ...(escape ? [escape] : [])] : [],
    next_actions: failed ? readiness.errors.map((f) => (f.fix ? `${f.fix.say}: ${f.message}` : f.message)) : [],
    suggest: failed ? fixes(readiness.errors).map((f) => f.run) : [],
    suggestLater: failed ? [] : fixes(readiness.warnings).map((f) => f.run),
  };
}

export interface Gate<D extends object> {
  readiness: Readiness;
  force: boolean | undefined;
  /** Says what was refused, e.g. "T-1 is not complete". */
  refused: string;
  /** The forced form of the command, offered with the refusal. */
  escape: NonNullable<Finding['fix']>;
  /** What the refusal answers with in `data`. */
  data: D;
  /** The task or sprint the validation activity is about. */
  about: Pick<ActivityInput, 'task' | 'sprint'>;
}

/**
 * SPEC 5 for every close: failed error checks refuse unless forced, and
 * either way the result is on record as a validation activity. Returns the
 * refusal to answer with, or null to go on.
 */
/** A refusal's data: what the command answers with, and which checks failed. */
export type Refusal<D extends object> = D & { ui: 'refused'; failed_checks: string[] };

export async function gate<D extends object>(tx: Tx, ctx: Ctx, session: Session, g: Gate<D>): Promise<Outcome<Refusal<D>> | null> {
  const failed = g.readiness.errors.map((e) => e.message);
  if (!failed.length) return null;
  const forced = g.force === true;
  await logActivity(tx, ctx, session, {
    kind: 'validation',
    // Read back in history and in a resume's last actions beside the command's name: say it was refused.
    text: `${forced ? 'forced past: ' : 'refused: '}${failed.join('; ')}`,
    ...g.about,
    data: { passed: false, forced, failed },
  });
  if (forced) return null;
  return {
    // Which checks failed, by name, so a face can offer the fix that fits (a summary prompt only when the summary is missing).
    data: { ...g.data, ui: 'refused', failed_checks: g.readiness.errors.map((e) => e.check) },
    failure: { code: 'VALIDATION_FAILED', message: `${g.refused}: ${failed.join('; ')}` },
    hints: findingHints(g.readiness, true, g.escape),
  };
}
