import type * as pg from 'pg';
type ClientBase = pg.ClientBase;
import type * as z from 'zod';
import { Activity } from '../../domain/activity.js';
import { Sprint, Task } from '../../domain/plan.js';
import { Session } from '../../domain/session.js';
import type { FileCheck } from '../doctor-files.js';
import { danglingFrames, dropFrame, sessionFromActivity } from '../references.js';
import { SCHEMA_VERSION, schemaVersion } from './schema.js';

/**
 * doctor on a shared store. The database keeps every row whole, so what can
 * be wrong is what a hand with SQL made wrong: a row that does not match its
 * schema (reported; repair leaves it to whoever wrote it), and references
 * between rows that do not hold — a stack naming a task the plan lacks, a
 * task in a sprint that is not there, activity of a session that is not,
 * a session's count behind its activity, a person's pointer to no session.
 * Repair fixes references the least destructive way, as on a home.
 */
export async function doctorDatabase(client: ClientBase, where: string, repair: boolean, now: Date): Promise<FileCheck[]> {
  const checks: FileCheck[] = [{ file: 'schema', ok: true }];
  const version = await schemaVersion(client);
  if (version !== SCHEMA_VERSION) checks[0] = { file: 'schema', ok: false, code: 'NEWER_VERSION', problem: `${where} has schema version ${version}; this Fragments reads ${SCHEMA_VERSION}` };
  await client.query('begin isolation level serializable');
  try {
    const rows = async <T extends object>(sql: string) => (await client.query<T & pg.QueryResultRow>(sql)).rows as T[];
    const sprints = await rows<{ key: string; body: Sprint }>(`select key, body from fragments.sprints order by ord`);
    const tasks = await rows<{ key: string; sprint: string | null; body: Task }>(`select key, sprint, body from fragments.tasks order by ord`);
    const sessions = await rows<{ key: string; body: Session }>(`select key, body from fragments.sessions order by number`);
    checks.push(
      shapeCheck('fragments.sprints', sprints.map((r) => ({ name: r.key, body: r.body, key: r.body.code?.toLowerCase() })), Sprint),
      shapeCheck('fragments.tasks', tasks.map((r) => ({ name: r.key, body: r.body, key: r.body.code?.toLowerCase() })), Task),
      shapeCheck('fragments.sessions', sessions.map((r) => ({ name: r.key, body: r.body, key: r.body.key })), Session),
    );
    const badActivities = await rows<{ session: string; id: number; body: unknown }>(
      `select session, id, body from fragments.activities where body->>'session' is distinct from session or (body->>'id')::int is distinct from id limit 20`,
    );
    checks.push(
      badActivities.length
        ? { file: 'fragments.activities', ok: false, code: 'DAMAGED_FILE', problem: `rows whose body names another session or number: ${badActivities.map((a) => `${a.session}#${a.id}`).join(', ')}` }
        : { file: 'fragments.activities', ok: true },
    );
    if (checks.some((c) => !c.ok)) {
      await client.query('rollback');
      return checks.map((c) => (repair && !c.ok ? { ...c, repair: 'left untouched: no copy of a row is kept in the database; fix it with SQL, or restore the database from its backup', repaired: false } : c));
    }

    const plan = { schema_version: 1 as const, sprints: sprints.map((r) => r.body), tasks: tasks.map((r) => r.body) };
    const file = { schema_version: 1 as const, sessions: sessions.map((r) => r.body) };
    const fix = async (check: FileCheck, act: () => Promise<string>) => checks.push(repair ? { ...check, repair: await act(), repaired: true } : check);
    const saveSession = (session: Session) => client.query(`update fragments.sessions set body = $2 where key = $1`, [session.key, JSON.stringify(session)]);

    for (const dangling of danglingFrames(plan, file)) {
      await fix(broken('fragments.sessions', `${dangling.session.key}'s stack names ${dangling.frame.kind} ${dangling.frame.code}, which the plan does not have`), async () => {
        const done = dropFrame(dangling);
        await saveSession(dangling.session);
        return done;
      });
    }
    const sprintKeys = new Set(sprints.map((s) => s.key));
    const missing = [...new Set(tasks.filter((t) => t.sprint !== null && !sprintKeys.has(t.sprint)).map((t) => t.body.sprint!))];
    for (const code of missing) {
      await fix(broken('fragments.tasks', `tasks are in sprint ${code}, which fragments.sprints does not have`), async () => {
        const at = now.toISOString();
        const sprint: Sprint = { code, title: code, goal: null, status: 'planned', estimate: null, retrospective: null, deliverables: [], notes: [], created_at: at, updated_at: at, completed_at: null };
        await client.query(`insert into fragments.sprints (key, body) values ($1, $2)`, [code.toLowerCase(), JSON.stringify(sprint)]);
        return `added sprint ${code}, named after its code, so its tasks are reachable again`;
      });
    }
    const known = new Set(sessions.map((s) => s.key));
    const orphans = await rows<{ session: string }>(`select distinct session from fragments.activities`);
    for (const { session: key } of orphans.filter((o) => !known.has(o.session))) {
      await fix(broken('fragments.activities', `activity of ${key}, which fragments.sessions does not have`), async () => {
        const history = (await client.query<{ body: Activity }>(`select body from fragments.activities where session = $1 order by id`, [key])).rows.map((r) => r.body);
        const session = sessionFromActivity(key, history)!;
        await client.query(`insert into fragments.sessions (key, number, body) values ($1, $2, $3)`, [key, Number(key.slice('SESSION-'.length)), JSON.stringify(session)]);
        return `added ${key} as an abandoned session rebuilt from its ${history.length} activities, so its history stays readable and its key is never reused`;
      });
    }
    const counts = await rows<{ session: string; last: number }>(`select session, max(id) as last from fragments.activities group by session`);
    for (const session of file.sessions) {
      const last = Number(counts.find((c) => c.session === session.key)?.last ?? 0);
      if (session.activity_count === last) continue;
      await fix(broken('fragments.sessions', `${session.key} counts ${session.activity_count} activities, where its newest is number ${last}`), async () => {
        session.activity_count = last;
        await saveSession(session);
        return `set ${session.key}'s count to ${last}, as its activity holds`;
      });
    }
    const pointers = await rows<{ person: string; session: string }>(`select person, session from fragments.pointers`);
    for (const pointer of pointers.filter((p) => !known.has(p.session))) {
      await fix(broken('fragments.pointers', `${pointer.person}'s current session is ${pointer.session}, which fragments.sessions does not have`), async () => {
        await client.query(`delete from fragments.pointers where person = $1`, [pointer.person]);
        return `cleared ${pointer.person}'s pointer; \`fragments session:start\` sets it again`;
      });
    }
    await client.query(repair ? 'commit' : 'rollback');
    return checks;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  }
}

const broken = (file: string, problem: string): FileCheck => ({ file, ok: false, code: 'BROKEN_REFERENCE', problem });

/** Each row against its schema, and its key against what its body says. */
function shapeCheck(file: string, rows: { name: string; body: unknown; key?: string | undefined }[], schema: z.ZodType): FileCheck {
  for (const row of rows) {
    const result = schema.safeParse(row.body);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      return { file, ok: false, code: 'DAMAGED_FILE', problem: `${row.name}: ${issue.path.join('.') || 'the top level'}: ${issue.message}` };
    }
    if (row.key !== undefined && row.key !== row.name) return { file, ok: false, code: 'DAMAGED_FILE', problem: `the row ${row.name} holds ${row.key}` };
  }
  return { file, ok: true };
}
