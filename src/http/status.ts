import { exitCode } from '../runner/execute.js';
import type { Envelope } from '../runner/define.js';

type Status = 200 | 400 | 401 | 403 | 404 | 409 | 413 | 500 | 503;

const BY_CODE: Record<string, Status> = {
  BAD_JSON: 400,
  UNAUTHORIZED: 401,
  // Allowed where the developer types (CLI, TUI), never over HTTP: a check command, init.
  CHECK_NOT_ALLOWED: 403,
  INIT_NOT_ALLOWED: 403,
  // Against DNS rebinding: a name or a page this server does not belong to.
  HOST_NOT_ALLOWED: 403,
  ORIGIN_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  UNKNOWN_ROUTE: 404,
  UNKNOWN_COMMAND: 404,
  BODY_TOO_LARGE: 413,
  INTERNAL: 500,
  HOME_LOCKED: 503,
  LOCK_LOST: 503,
};

/**
 * The HTTP status of an answer: 200 success; 400 used wrongly (the CLI's exit
 * 2); 404 no such session, code or command; 409 the command was refused by the
 * state of things (a failed completion check, no active task: the CLI's exit 1).
 */
export function statusOf(envelope: Envelope): Status {
  if (envelope.success) return 200;
  const code = envelope.error?.code ?? 'INTERNAL';
  return BY_CODE[code] ?? (exitCode(envelope) === 2 ? 400 : 409);
}
