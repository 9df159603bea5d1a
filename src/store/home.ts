import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { FragmentsError } from '../domain/errors.js';

/** The home when nothing names one: `~/.fragments`. */
export const defaultHome = () => join(homedir(), '.fragments');

/** `--home` wins over `FRAGMENTS_HOME`, which wins over `~/.fragments`: the nearer the word, the stronger. */
export function resolveHome(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const chosen = flag ?? env.FRAGMENTS_HOME;
  if (chosen) return resolve(chosen);
  // Without HOME, os.homedir() guesses from the user database (a service user's is often /nonexistent): say what to set instead.
  if (!env.HOME) {
    throw new FragmentsError('HOME_UNSET', 'HOME is not set, so there is no ~/.fragments to use. Set HOME, or point FRAGMENTS_HOME (or --home DIR) at the Fragments home folder.');
  }
  return defaultHome();
}

/** Creates the home private to its owner; an existing folder is left as its owner set it. */
export async function ensureHome(dir: string): Promise<void> {
  if (!folderAt(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * For commands that only read: a home that is not there is reported, never
 * created, so a home that was moved does not pass for a fresh, empty one.
 */
export async function requireHome(dir: string): Promise<void> {
  if (folderAt(dir)) return;
  throw new FragmentsError(
    'NO_HOME',
    `No Fragments home exists at ${dir}. If it was moved, point --home (or FRAGMENTS_HOME) at its new place; to start one here, run \`fragments session:start\` or \`fragments import PLAN.md\`.`,
    { home: dir },
  );
}

/**
 * Whether the home folder exists; a file in its place is an error of its own.
 * Synchronous, as the store's file calls are: every command asks, and
 * node:fs/promises alone costs a start ~1 ms to load.
 */
function folderAt(dir: string): boolean {
  const st = statSync(dir, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) {
    throw new FragmentsError('HOME_NOT_A_FOLDER', `${dir} is a file, not a folder. Point --home or FRAGMENTS_HOME at a folder.`, { home: dir });
  }
  return st !== undefined;
}
