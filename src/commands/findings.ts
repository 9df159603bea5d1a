import type { CheckResult, Finding } from '../core/checks.js';
import type { InstructionHints } from '../core/instructions.js';

/** Check results as instructions: each finding says what failed and the command that fixes it. */
export function findingHints(checks: CheckResult, failed: boolean, escape?: Finding['fix']): InstructionHints {
  const fixes = (list: Finding[]) => list.flatMap((f) => (f.fix ? [f.fix] : []));
  return {
    validation_errors: checks.errors.map((f) => f.message),
    validation_warnings: checks.warnings.map((f) => f.message),
    required_actions: failed ? [...fixes(checks.errors), ...(escape ? [escape] : [])] : [],
    next_actions: failed ? checks.errors.map((f) => (f.fix ? `${f.fix.say}: ${f.message}` : f.message)) : [],
    suggest: failed ? fixes(checks.errors).map((f) => f.run) : fixes(checks.warnings).map((f) => f.run),
  };
}
