import { HomeStore } from './home-store.js';
import type { Store } from './port.js';

export type { Store, StoreDump, Tx } from './port.js';

/** Where a store is, as the command line, the environment or a face gives it. */
export interface StoreLocation {
  /** The local home folder: the data itself unless `url` names a database. */
  home: string;
  /** `--store` / FRAGMENTS_STORE: a postgres:// URL selects PostgreSQL; anything else, or nothing, the home folder. */
  url?: string | undefined;
  /** Who works here (FRAGMENTS_USER / --user, else git's user.email, else the OS user), asked only when needed. */
  user?: () => string;
}

export const isDatabaseUrl = (url: string | undefined): url is string => url !== undefined && /^postgres(?:ql)?:\/\//i.test(url);

/**
 * The store at `where`. The PostgreSQL store (and its driver) is loaded only
 * when a database is named, so a home-folder command never pays for it.
 */
export async function openStore(where: StoreLocation): Promise<Store> {
  if (!isDatabaseUrl(where.url)) return new HomeStore(where.home, where.user);
  const { PgStore } = await import('./pg/pg-store.js');
  return new PgStore(where.url, where.home, where.user ?? (() => 'unknown'));
}
