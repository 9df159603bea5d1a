import { isatty } from 'node:tty';
import { FragmentsError } from '../domain/errors.js';

/** More than any command takes as content: reading stops here rather than filling memory. */
const STDIN_MAX_BYTES = 16 * 1024 * 1024;

/** Standard input, whole, for an argument given as `-` (`fragments import - < plan.md`). */
export async function readStdin(): Promise<string> {
  if (isatty(0)) throw new FragmentsError('USAGE', '`-` reads standard input, and it is a terminal: pipe the plan in, as in `fragments import - < plan.md`.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > STDIN_MAX_BYTES) throw new FragmentsError('PLAN_TOO_BIG', `Standard input is over ${STDIN_MAX_BYTES / 1024 / 1024} MiB, more than any plan; nothing was imported.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
