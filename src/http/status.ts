import { meaningOf } from '../domain/errors.js';
import type { Envelope } from '../runner/define.js';

/**
 * The HTTP status of an answer: 200 success; else what the error table says
 * (400 used wrongly, the CLI's exit 2; 404 no such session, code or command;
 * 409 refused by the state of things, the CLI's exit 1).
 */
export function statusOf(envelope: Envelope) {
  return envelope.success ? 200 : meaningOf(envelope.error?.code ?? 'INTERNAL').http;
}
