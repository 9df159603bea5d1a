import { execFileSync } from 'node:child_process';
import { BIN } from './cli.js';

/**
 * Permission cases need a user that file modes bind; root ignores them. As
 * root (CI, containers) the CLI runs as `nobody` through setpriv, in folders
 * handed to that user; as anyone else, as that user. When neither works, the
 * tests are skipped with `skip` as the reason.
 */
export interface Unprivileged {
  /** Prefix for spawning the CLI as the unprivileged user. */
  wrap: string[];
  /** Hands a folder and all it holds to that user. */
  handOver(dir: string): void;
  skip?: string;
}

const NOBODY = 65534;

function detect(): Unprivileged {
  const uid = process.getuid?.();
  if (uid === undefined) return { wrap: [], handOver: () => undefined, skip: 'file modes do not apply on this platform' };
  if (uid !== 0) return { wrap: [], handOver: () => undefined };
  const wrap = ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'];
  try {
    // nobody must be able to run node and read the built CLI.
    execFileSync(wrap[0]!, [...wrap.slice(1), process.execPath, '-e', `require('node:fs').accessSync(${JSON.stringify(BIN)})`], { stdio: 'ignore' });
  } catch {
    return { wrap, handOver: () => undefined, skip: 'running as root, and cannot run the CLI as nobody through setpriv' };
  }
  return { wrap, handOver: (dir) => execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir]) };
}

export const unprivileged = detect();
