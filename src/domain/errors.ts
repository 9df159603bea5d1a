import { didYouMean } from './codes.js';
import { printable } from './printable.js';

/** What an error means on each face: the CLI's exit code and the HTTP status. */
interface Meaning {
  /** 2: the command was used wrongly; 1: it failed. */
  exit: 1 | 2;
  http: 400 | 401 | 403 | 404 | 409 | 413 | 500 | 503;
  /** The home could not be used, so a failure says its message alone: advice would need the home. */
  homeUnusable?: true;
}

const USED_WRONGLY: Meaning = { exit: 2, http: 400 };
/** Refused by the state of things (a failed completion check, no active task). */
const REFUSED: Meaning = { exit: 1, http: 409 };
const FORBIDDEN: Meaning = { exit: 1, http: 403 };
const NO_SUCH: Meaning = { exit: 1, http: 404 };
const HOME_UNUSABLE: Meaning = { ...REFUSED, homeUnusable: true };
const HOME_BUSY: Meaning = { exit: 1, http: 503, homeUnusable: true };

/** Every error code a face can answer with, and what it means there: the one table. */
export const ERRORS = {
  USAGE: USED_WRONGLY,
  BAD_DURATION: USED_WRONGLY,
  BAD_PLAN: USED_WRONGLY,
  BAD_JSON: USED_WRONGLY,
  FILE_UNREADABLE: USED_WRONGLY,
  NO_PLAN_FOUND: USED_WRONGLY,
  REQUEST_ID_REUSED: USED_WRONGLY,
  UNKNOWN_COMMAND: { exit: 2, http: 404 },
  UNAUTHORIZED: { exit: 1, http: 401 },
  // Allowed where the developer types (CLI, TUI), never over MCP or HTTP: a check command, init.
  CHECK_NOT_ALLOWED: FORBIDDEN,
  INIT_NOT_ALLOWED: FORBIDDEN,
  // Against DNS rebinding: a name or a page this server does not belong to.
  HOST_NOT_ALLOWED: FORBIDDEN,
  ORIGIN_NOT_ALLOWED: FORBIDDEN,
  NOT_FOUND: NO_SUCH,
  UNKNOWN_ROUTE: NO_SUCH,
  BODY_TOO_LARGE: { exit: 1, http: 413 },
  INTERNAL: { exit: 1, http: 500 },
  HOME_LOCKED: HOME_BUSY,
  LOCK_LOST: HOME_BUSY,
  STORE_UNREACHABLE: HOME_BUSY,
  DAMAGED_FILE: HOME_UNUSABLE,
  HOME_NOT_A_FOLDER: HOME_UNUSABLE,
  VALIDATION_FAILED: REFUSED,
  ALREADY_EXISTS: REFUSED,
  ALREADY_PAUSED: REFUSED,
  BROKEN_REFERENCE: REFUSED,
  CANNOT_LISTEN: REFUSED,
  CONFIG_UNREADABLE: REFUSED,
  DEPENDENCY_CYCLE: REFUSED,
  DISK_FULL: REFUSED,
  HOME_UNSET: REFUSED,
  NEWER_VERSION: REFUSED,
  NO_ACTIVE_SPRINT: REFUSED,
  NO_ACTIVE_TASK: REFUSED,
  NO_COMPLETION_CHECK: REFUSED,
  NO_HOME: REFUSED,
  NO_SESSION: REFUSED,
  NO_TASKS: REFUSED,
  NOT_ALL_IMPORTED: REFUSED,
  NOT_BLOCKED: REFUSED,
  NOTHING_READY: REFUSED,
  PARENT_CYCLE: REFUSED,
  PATH_TOO_LONG: REFUSED,
  PERMISSION_DENIED: REFUSED,
  PLAN_CLASH: REFUSED,
  PLAN_TOO_BIG: REFUSED,
  READ_ONLY_HOME: REFUSED,
  SESSION_CLOSED: REFUSED,
  SPRINT_CLOSED: REFUSED,
  STORE_NOT_EMPTY: REFUSED,
  TASK_ACTIVE: REFUSED,
  TASK_CLAIMED: REFUSED,
  TASK_CLOSED: REFUSED,
} satisfies Record<string, Meaning>;

export type ErrorCode = keyof typeof ERRORS;

/** What a code read back from an answer means; a code this version does not know is a refusal. */
export const meaningOf = (code: string): Meaning => (Object.hasOwn(ERRORS, code) ? ERRORS[code as ErrorCode] : REFUSED);

/** A failure that reaches the user: a code agents can branch on, a message that says what to do. */
export class FragmentsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The failure an answer (an envelope's `error`) reports, to raise again where it must stop what follows. */
export function raised(error: { code: string; message: string } | undefined, fallback = 'The command failed.'): FragmentsError {
  const code = error && Object.hasOwn(ERRORS, error.code) ? (error.code as ErrorCode) : 'INTERNAL';
  return new FragmentsError(code, error?.message ?? fallback);
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

/**
 * A bug, not a fault the user can fix (those are FragmentsErrors and say
 * what to do): every face answers it the same way, and keeps `stackOf` it
 * for whoever debugs, on stderr, never on an answer's channel.
 */
export function unexpectedFailure(e: unknown): FragmentsError {
  return new FragmentsError('INTERNAL', `Unexpected failure: ${e instanceof Error ? e.message : String(e)}. Please report it.`);
}

export const stackOf = (e: unknown): string => (e instanceof Error && e.stack) || String(e);
