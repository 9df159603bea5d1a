import { FragmentsError, meaningOf } from '../domain/errors.js';
import type { Data, Envelope, NoData, Outcome } from './define.js';

/** The envelope of what a command's run handed back: the session it names in its data, else the one it ran in. */
export function envelopeOf<D extends Data>(command: string, sessionKey: string | null, outcome: Outcome<D>): Envelope<D> {
  const { data } = outcome;
  const named = 'session_key' in data && typeof data.session_key === 'string' ? data.session_key : null;
  return {
    schema_version: 1,
    success: !outcome.failure,
    command,
    session_key: named ?? sessionKey,
    data,
    ...(outcome.failure ? { error: outcome.failure } : {}),
  };
}

/** The envelope of a command that failed before or while it ran. */
export function failure(command: string, sessionKey: string | null, e: FragmentsError): Envelope<NoData> {
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
export function exitCode(envelope: Envelope<unknown>): 0 | 1 | 2 {
  return envelope.success ? 0 : meaningOf(envelope.error?.code ?? 'INTERNAL').exit;
}
