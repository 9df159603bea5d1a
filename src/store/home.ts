import { mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { FragmentsError } from '../domain/errors.js';

/** `--home` wins over `FRAGMENTS_HOME`, which wins over `~/.fragments`: the nearer the word, the stronger. */
export function resolveHome(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const chosen = flag ?? env.FRAGMENTS_HOME;
  return chosen ? resolve(chosen) : join(homedir(), '.fragments');
}

/** Creates the home private to its owner; an existing folder is left as its owner set it. */
export async function ensureHome(dir: string): Promise<void> {
  const st = await stat(dir).catch(() => null);
  if (st && !st.isDirectory()) {
    throw new FragmentsError('HOME_NOT_A_FOLDER', `${dir} is a file, not a folder. Point --home or FRAGMENTS_HOME at a folder.`);
  }
  if (!st) await mkdir(dir, { recursive: true, mode: 0o700 });
}
