import { existsSync } from 'node:fs';
import pg from 'pg';
import type { PoolClient } from 'pg';
import { Config } from '../../domain/config.js';
import { FragmentsError } from '../../domain/errors.js';
import { CheckedFiles } from '../checked.js';
import { ensureHome } from '../home.js';
import { JsonFile } from '../json-file.js';
import { stopPoint } from '../stop-points.js';
import type { FileCheck } from '../doctor-files.js';
import type { Store, StoreDump } from '../port.js';
import { dumpDatabase, loadDatabase } from './pg-dump.js';
import { PgTx } from './pg-tx.js';
import { migrate } from './schema.js';
import { redacted } from './url.js';

/** SQLSTATEs after which a transaction is run again: a serialization failure, a deadlock, a key taken by a concurrent one. */
const RETRY = new Set(['40001', '40P01', '23505']);
const ATTEMPTS = 30;

/**
 * The shared store: a PostgreSQL database for a team across machines. Each
 * command is one database transaction at SERIALIZABLE, so two that collide
 * cannot both be written as if alone: the database refuses one, and it runs
 * again on what the other wrote. A client killed or cut off mid-transaction
 * leaves nothing half-done (the database rolls it back), and holds no lock
 * others wait on; a transaction left idle by a stopped client is ended by
 * the server after a while, and that client's command fails unacknowledged.
 */
export class PgStore implements Store {
  readonly where: string;
  private pool: pg.Pool | null = null;
  private settingsMade = false;
  /** Settings stay in the home's config.json, on this machine. */
  private readonly config: JsonFile<Config>;
  private ready: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    readonly home: string,
    readonly who: () => string,
  ) {
    this.where = redacted(url);
    this.config = new JsonFile(home, 'config.json', Config, () => Config.parse({ schema_version: 1 }), new CheckedFiles(home), true);
  }

  transact<T>(fn: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.run('read write', 'serializable', async (tx) => {
      stopPoint('locked');
      const result = await fn(tx);
      stopPoint('commit');
      if (await tx.commit()) await this.settingsFile();
      stopPoint('installing');
      return { result, keep: true };
    });
  }

  /** The home keeps this machine's settings: a first change there leaves a config.json to edit, as on a home-folder store. */
  private async settingsFile(): Promise<void> {
    if (this.settingsMade) return;
    this.settingsMade = true;
    if (existsSync(this.config.path)) return;
    await ensureHome(this.home);
    await this.config.write(this.config.freshText(), Config.parse({ schema_version: 1 }));
  }

  read<T>(fn: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.run('read only', 'repeatable read', async (tx) => ({ result: await fn(tx), keep: true }));
  }

  simulate<T>(fn: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.run('read write', 'repeatable read', async (tx) => ({ result: await fn(tx), keep: false }));
  }

  watch(onChange: () => void): () => void {
    let client: pg.Client | null = null;
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    const settle = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(onChange, 30);
    };
    const listen = async () => {
      if (stopped) return;
      const next = new pg.Client({ connectionString: this.url });
      next.on('notification', settle);
      // A dropped connection is listened on again: what changed meanwhile is read then.
      next.on('error', () => undefined);
      next.on('end', () => {
        if (!stopped) setTimeout(() => void listen().then(settle, () => undefined), 1000);
      });
      try {
        await next.connect();
        await next.query('listen fragments');
        // Stopped while connecting: this connection must not keep the process alive.
        if (stopped) return void next.end().catch(() => undefined);
        client = next;
      } catch {
        if (!stopped) setTimeout(() => void listen(), 1000);
      }
    };
    void listen();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      void client?.end().catch(() => undefined);
    };
  }

  async doctor(repair: boolean, now: Date): Promise<FileCheck[]> {
    const { doctorDatabase } = await import('./pg-doctor.js');
    const settings: FileCheck = await this.config.load(true).then(
      () => ({ file: 'config.json', ok: true }),
      (e: unknown) => ({ file: 'config.json', ok: false, code: (e as FragmentsError).code ?? 'DAMAGED_FILE', problem: String((e as FragmentsError).details?.problem ?? (e as Error).message) }),
    );
    return [settings, ...(await this.withClient((client) => doctorDatabase(client, this.where, repair, now)))];
  }

  dump(): Promise<StoreDump> {
    return this.run('read only', 'repeatable read', async (_tx, client) => ({ result: await dumpDatabase(client), keep: true }));
  }

  load(dump: StoreDump): Promise<void> {
    return this.run('read write', 'serializable', async (_tx, client) => ({ result: await loadDatabase(client, dump, this.where), keep: true }));
  }

  /** Applies the schema's migrations; says from which version to which. */
  async migrate(): Promise<{ from: number; to: number }> {
    const pool = this.connect();
    const client = await pool.connect().catch((e: unknown) => {
      throw this.unreachable(e);
    });
    try {
      return await migrate(client, this.where);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    this.ready = null;
    await pool?.end();
  }

  private connect(): pg.Pool {
    if (!this.pool) {
      this.pool = new pg.Pool({ connectionString: this.url, max: 10, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
      // An idle connection the server closed is dropped by the pool; the next command connects again.
      this.pool.on('error', () => undefined);
    }
    return this.pool;
  }

  private async withClient<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    const pool = this.connect();
    const client = await pool.connect().catch((e: unknown) => {
      throw this.unreachable(e);
    });
    try {
      this.ready ??= migrate(client, this.where).then(() => undefined);
      await this.ready.catch((e: unknown) => {
        this.ready = null;
        throw e;
      });
      return await use(client);
    } finally {
      client.release();
    }
  }

  /** One transaction, run again while the database says it collided with a concurrent one. */
  private run<T>(access: string, isolation: string, body: (tx: PgTx, client: PoolClient) => Promise<{ result: T; keep: boolean }>): Promise<T> {
    return this.withClient(async (client) => {
      for (let attempt = 1; ; attempt++) {
        await client.query(`begin isolation level ${isolation} ${access}`);
        // A transaction its client left open (a stopped process, a closed lid) is ended by the server, and holds nobody up.
        await client.query(`set local idle_in_transaction_session_timeout = '60s'`);
        try {
          const { result, keep } = await body(new PgTx(client, this.who, () => this.config.load()), client);
          await client.query(keep ? 'commit' : 'rollback');
          return result;
        } catch (e) {
          await client.query('rollback').catch(() => undefined);
          const code = (e as { code?: string }).code;
          if (code && RETRY.has(code) && attempt < ATTEMPTS) {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));
            continue;
          }
          throw e instanceof FragmentsError ? e : this.failed(e);
        }
      }
    });
  }

  private unreachable(e: unknown): FragmentsError {
    return new FragmentsError('STORE_UNREACHABLE', `Cannot reach the store ${this.where}: ${redactedMessage(e, this.url)}. Check that the server runs and the URL (--store or FRAGMENTS_STORE) is right.`, { where: this.where });
  }

  private failed(e: unknown): Error {
    const code = (e as { code?: string }).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '57P01' || code === '08006') return this.unreachable(e);
    const error = new Error(`The store ${this.where} failed: ${redactedMessage(e, this.url)}`);
    error.cause = e;
    return error;
  }
}

function redactedMessage(e: unknown, url: string): string {
  const message = (e as Error).message ?? String(e);
  const password = (() => {
    try {
      return decodeURIComponent(new URL(url).password);
    } catch {
      return '';
    }
  })();
  return password ? message.split(password).join('***') : message;
}
