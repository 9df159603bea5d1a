import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** How many entries of a folder the completion offers: a huge folder must not stall a Tab. */
const MAX_ENTRIES = 200;

/**
 * The paths that start with `typed`, relative to the folder the screen was
 * opened in (or absolute, or under `~/`): the entries of the folder typed so
 * far whose names start with the rest, folders with a `/` after them. Hidden
 * entries only when a `.` is typed. An unreadable folder offers nothing.
 */
export function pathsStartingWith(typed: string, cwd = process.cwd()): string[] {
  const slash = typed.lastIndexOf('/');
  const folder = slash === -1 ? '' : typed.slice(0, slash + 1);
  const name = typed.slice(slash + 1);
  const where = folder.startsWith('~/') ? join(homedir(), folder.slice(2)) : folder.startsWith('/') ? folder : join(cwd, folder);
  try {
    return readdirSync(where || '.', { withFileTypes: true })
      .filter((e) => e.name.startsWith(name) && (name.startsWith('.') || !e.name.startsWith('.')))
      .slice(0, MAX_ENTRIES)
      .map((e) => `${folder}${e.name}${e.isDirectory() ? '/' : ''}`)
      .sort();
  } catch {
    return [];
  }
}
