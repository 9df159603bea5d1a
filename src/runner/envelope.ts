import { FragmentsError, meaningOf } from '../domain/errors.js';
import type { Envelope, Outcome } from './define.js';

/** The envelope of what a command's run handed back. */
export function envelopeOf(command: string, sessionKey: string | null, outcome: Outcome<object>): Envelope {
  const data = outcome.data as Record<string, unknown>;
  return {
    schema_version: 1,
    success: !outcome.failure,
    command,
    session_key: (data.session_key as string | undefined) ?? sessionKey,
    data,
    ...(outcome.failure ? { error: outcome.failure } : {}),
  };
}

/** The envelope of a command that failed before or while it ran. */
export function failure(command: string, sessionKey: string | null, e: FragmentsError): Envelope {
  return {
    schema_version: 1,
    success: false,
    command,
    session_key: sessionKey,
    data: {},
    error: { code: e.code, message: e.message, ...(Object.keys(e.details).length ? { details: e.details } : {}) },
  };
}

/** 0 success, 1 the command failed, 2 it was used wrongly. */
export function exitCode(envelope: Envelope): 0 | 1 | 2 {
  return envelope.success ? 0 : meaningOf(envelope.error?.code ?? 'INTERNAL').exit;
}
