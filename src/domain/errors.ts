import { didYouMean } from './codes.js';
import { printable } from './printable.js';

/** A failure that reaches the user: a code agents can branch on, a message that says what to do. */
export class FragmentsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function damaged(file: string, problem: string): FragmentsError {
  // The problem may quote the file's own bytes (a parser's message does): shown escaped, like stored text.
  const shown = printable(problem);
  return new FragmentsError(
    'DAMAGED_FILE',
    `${file} is damaged: ${shown}. It was left untouched. Run \`fragments doctor\` to inspect the home, or \`fragments doctor --repair\` to restore the last good copy.`,
    { file, problem: shown },
  );
}

/** Not damage: the file is fine for the Fragments that wrote it, so it is refused, never replaced. */
export function newerVersion(file: string, version: number, supported: number): FragmentsError {
  return new FragmentsError(
    'NEWER_VERSION',
    `${file} has schema version ${version}, written by a newer Fragments; this one reads up to version ${supported}. It was left untouched. Upgrade fragments to use this home.`,
    { file, version, supported },
  );
}

export function notFound(kind: 'task' | 'sprint' | 'session', code: string, suggestions: string[]): FragmentsError {
  const list = kind === 'session' ? 'session:list' : `${kind}:list`;
  return new FragmentsError('NOT_FOUND', `No ${kind} ${code}.${didYouMean(suggestions)} See \`fragments ${list}\`.`, { kind, code, suggestions });
}
