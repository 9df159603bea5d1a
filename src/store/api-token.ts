import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FragmentsError } from '../domain/errors.js';
import { ensureHome } from './home.js';

export const API_TOKEN_FILE = 'api-token';

/**
 * The HTTP API's bearer token: read from the home's `api-token`, or made on
 * first use, private to its owner. Created with `wx`, so two servers starting
 * at once agree on one token rather than overwriting each other's.
 */
export async function apiToken(home: string): Promise<{ token: string; path: string; created: boolean }> {
  await ensureHome(home);
  const path = join(home, API_TOKEN_FILE);
  const fresh = randomBytes(32).toString('base64url');
  const created = await writeFile(path, `${fresh}\n`, { flag: 'wx', mode: 0o600 }).then(
    () => true,
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'EEXIST') return false;
      throw e;
    },
  );
  if (created) return { token: fresh, path, created };
  // Kept private even when someone loosened it: the token is the API's only credential.
  await chmod(path, 0o600);
  const token = (await readFile(path, 'utf8')).trim();
  if (token.length < 16 || /\s/.test(token)) {
    throw new FragmentsError('DAMAGED_FILE', `${API_TOKEN_FILE} does not hold a usable token (16 characters or more, no spaces). Remove it and a new one is made on the next start.`, { file: API_TOKEN_FILE });
  }
  return { token, path, created };
}
