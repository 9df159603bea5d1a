/**
 * A team on one PostgreSQL server: several people, several machines (here,
 * processes), one plan. Every acknowledged write is there afterwards; a
 * writer killed mid-transaction leaves nothing half-done; another process's
 * write reaches a live face within a second.
 */
import { describe, expect, it } from 'vitest';
import { fragmentsJson, tempHome } from '../helpers/cli.js';
import { freshDatabase, pgMissing } from '../helpers/databases.js';
import { serve } from '../helpers/agent.js';
import { fragmentsProcess, start, stopped, type Spawned } from '../helpers/processes.js';
import { openStore } from '../../src/store/store.js';

const NOTES = new URL('../e2e/fixtures/notes.mjs', import.meta.url).pathname;
const PLAN = new URL('../../examples/sprint-plan.md', import.meta.url).pathname;

/** Runs a process stopped at a stop point on to its end, waking it each time it stops there again (a retried transaction does). */
async function runOn(p: Spawned): Promise<void> {
  p.child.kill('SIGCONT');
  for (;;) {
    const state = await Promise.race([p.exited.then(() => 'ended' as const), stopped(p.child.pid!).then(() => 'stopped' as const, () => 'ended' as const)]);
    if (state === 'ended' || !p.running()) return void (await p.exited);
    p.child.kill('SIGCONT');
  }
}

/** Everything a store holds, through the store's own dump. */
async function dumpOf(home: string, url?: string) {
  const store = await openStore({ home, url, user: () => 'ann@example.com' });
  try {
    return await store.dump();
  } finally {
    await store.close();
  }
}

/** A person's machine: a home of its own, the team's store, and who they are. */
function person(store: string, user: string) {
  const home = tempHome(`team-${user.split('@')[0]}`);
  const env = { FRAGMENTS_STORE: store, FRAGMENTS_USER: user };
  return { home, env, run: (args: string[]) => fragmentsJson(home, args, env) };
}

async function ok(answer: Promise<Awaited<ReturnType<typeof fragmentsJson>>>) {
  const run = await answer;
  expect(run.success, JSON.stringify(run.error)).toBe(true);
  return run;
}

describe.skipIf(pgMissing !== undefined)(`a team on one PostgreSQL${pgMissing ? ` (skipped: ${pgMissing})` : ''}`, () => {
  it('two people, four writers each × 25 notes at once: every acknowledged note is there, each in its person\'s session', async () => {
    const store = await freshDatabase('team');
    const ann = person(store, 'ann@example.com');
    const bob = person(store, 'bob@example.com');
    await ok(ann.run(['import', PLAN]));
    for (const [who, task] of [[ann, 'T-SESS-01-DB'], [bob, 'T-SESS-01-MODELS']] as const) {
      await ok(who.run(['session:start']));
      await ok(who.run(['task:activate', task]));
    }
    const writers = [ann, bob].flatMap((who, w) => Array.from({ length: 4 }, (_, i) => start(who.home, NOTES, [`${'ab'[w]}${i}`, '25'], who.env)));
    await Promise.all(writers.map((w) => w.exited));
    const acknowledged = writers.flatMap((w) => w.stdout().split('\n').filter((l) => l.startsWith('ok ')).map((l) => l.slice(3)));
    expect(acknowledged).toHaveLength(200);

    for (const [who, prefix] of [[ann, 'a'], [bob, 'b']] as const) {
      const history = await ok(who.run(['history', '--limit', '1000']));
      const texts = (history.data.activities as { text: string | null }[]).map((a) => a.text ?? '');
      const mine = acknowledged.filter((n) => n.startsWith(prefix));
      expect(mine).toHaveLength(100);
      expect(mine.filter((note) => texts.filter((t) => t === note).length !== 1)).toEqual([]);
    }
    expect((await ok(ann.run(['doctor']))).data.damaged).toBe(0);
  }, 120_000);

  it('a writer killed with its rows written and not committed leaves nothing half-done', async () => {
    const store = await freshDatabase('killed');
    const ann = person(store, 'ann@example.com');
    await ok(ann.run(['import', PLAN]));
    await ok(ann.run(['session:start']));
    await ok(ann.run(['task:activate', 'T-SESS-01-DB']));
    await ok(ann.run(['update', 'before']));
    const dying = fragmentsProcess(ann.home, ['done', 'Schema in place', '--force'], { ...ann.env, FRAGMENTS_STOP_AT: 'installing' });
    await stopped(dying.child.pid!);
    dying.child.kill('SIGKILL');
    await dying.exited;
    expect(dying.stdout()).toBe('');

    // Not completed, still active, its update count and the session's history agree: the done is wholly absent.
    const shown = await ok(ann.run(['task:show', 'T-SESS-01-DB']));
    expect((shown.data.task as { status: string }).status).toBe('in_progress');
    const status = await ok(ann.run(['session:status']));
    expect((status.data.active_task as { code: string }).code).toBe('T-SESS-01-DB');
    expect((await ok(ann.run(['doctor']))).data.damaged).toBe(0);
    await ok(ann.run(['update', 'after']));
    const texts = ((await ok(ann.run(['history']))).data.activities as { text: string | null }[]).map((a) => a.text);
    expect(texts.slice(-2)).toEqual(['before', 'after']);
  }, 60_000);

  it('another person\'s write reaches an event stream on another machine\'s server within a second', async () => {
    const store = await freshDatabase('live');
    const ann = person(store, 'ann@example.com');
    const bob = person(store, 'bob@example.com');
    await ok(ann.run(['session:start']));
    await ok(bob.run(['session:start']));
    const server = await serve(ann.home, [], ann.env);
    const response = await fetch(`${server.url}/api/events`, { headers: { Authorization: `Bearer ${server.token}` } });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!/event: ready/.test(text)) text += (await reader.read()).value ?? '';
    const sent = Date.now();
    // Acknowledged when this returns: from then on, the other server has a second.
    await ok(bob.run(['log', 'from bob\'s machine']));
    const acknowledged = Date.now();
    while (!/from bob's machine/.test(text)) text += (await reader.read()).value ?? '';
    expect(Date.now() - acknowledged, `sent ${acknowledged - sent} ms before it was acknowledged`).toBeLessThan(1000);
    await reader.cancel();
    await server.stop();
  }, 60_000);

  it('two people claim one task at once: exactly one wins, the other is told who holds it and since when; --force takes it over and the holder is told', async () => {
    const store = await freshDatabase('claims');
    const ann = person(store, 'ann@example.com');
    const bob = person(store, 'bob@example.com');
    await ok(ann.run(['import', PLAN]));
    await ok(ann.run(['session:start']));
    await ok(bob.run(['session:start']));
    // Both read the plan and the sessions before either writes: each stops just before its commit.
    const claims = [ann, bob].map((who) => fragmentsProcess(who.home, ['task:activate', 'T-SESS-01-DB'], { ...who.env, FRAGMENTS_STOP_AT: 'commit' }));
    await Promise.all(claims.map((c) => stopped(c.child.pid!)));
    await runOn(claims[0]!);
    await runOn(claims[1]!);
    const answers = claims.map((c) => JSON.parse(c.stdout()) as { success: boolean; error?: { code: string; message: string; details: Record<string, string> } });
    expect(answers.map((a) => a.success)).toEqual([true, false]);
    const refused = answers[1]!.error!;
    expect(refused.code).toBe('TASK_CLAIMED');
    expect(refused.message).toMatch(/T-SESS-01-DB is held by ann@example\.com in SESSION-\d+ since \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(refused.message).toContain('--force');
    expect(refused.details.held_by).toBe('ann@example.com');

    // Mission control, from either machine, shows both people's sessions and who has what.
    const overview = await ok(bob.run(['session:list']));
    const rows = overview.data.sessions as { user: string | null; active_task: { code: string } | null }[];
    expect(rows.map((r) => [r.user, r.active_task?.code ?? null]).sort()).toEqual([['ann@example.com', 'T-SESS-01-DB'], ['bob@example.com', null]]);

    const taken = await ok(bob.run(['task:activate', 'T-SESS-01-DB', '--force']));
    expect(taken.instructions?.validation_warnings?.join(' ')).toContain('taken over from ann@example.com');
    const told = await ann.run(['note', 'still mine?']);
    expect(told.error?.code).toBe('NO_ACTIVE_TASK');
    expect(told.error?.message).toMatch(/T-SESS-01-DB, active in SESSION-\d+, was taken over by bob@example\.com in SESSION-\d+/);
    const history = await ok(bob.run(['history']));
    expect((history.data.activities as { text: string | null; user?: string }[]).at(-1)).toMatchObject({ text: expect.stringContaining('taken over from ann@example.com'), user: 'bob@example.com' });
  }, 60_000);

  it('a home copied into an empty database and back out into a new home equals itself, and so does a copy of the copy', async () => {
    const first = tempHome('copy-first');
    // The home's one pointer travels as its copier's: the same person copies every way.
    const as = { FRAGMENTS_USER: 'ann@example.com' };
    const work = (args: string[]) => ok(fragmentsJson(first, args, as));
    await work(['import', PLAN]);
    await work(['session:start']);
    await work(['task:activate', 'T-SESS-01-DB']);
    await work(['update', 'first step\nwith a second line']);
    await work(['--request-id', 'req-1', 'note', 'a note']);
    await work(['done', 'Schema in place', '--force']);

    const database = await freshDatabase('copy');
    const into = await ok(fragmentsJson(first, ['store:copy', '--to', database], as));
    expect(into.data.copied).toMatchObject({ sprints: 2, tasks: 21, sessions: 1 });
    const back = tempHome('copy-back');
    await ok(fragmentsJson(back, ['store:copy', '--from', database], as));
    const again = await freshDatabase('copy-again');
    await ok(fragmentsJson(back, ['store:copy', '--to', again], as));

    // The home's sessions recorded no person: the copy makes them the copier's, and that is all it changes.
    const home = await dumpOf(first);
    const original = { ...home, sessions: home.sessions.map((s) => ({ ...s, user: 'ann@example.com' })) };
    expect(home.sessions.map((s) => s.user)).toEqual([null]);
    expect(await dumpOf(first, database)).toEqual(original);
    expect(await dumpOf(back)).toEqual(original);
    expect(await dumpOf(first, again)).toEqual(original);
    // Into a store that holds something already: refused, and nothing in it changes.
    const refused = await fragmentsJson(first, ['store:copy', '--to', database], as);
    expect(refused.error?.code).toBe('STORE_NOT_EMPTY');
    expect(await dumpOf(first, database)).toEqual(original);
  }, 60_000);

  it('sslmode in the URL is honoured: verify-full with the server\'s CA connects over TLS, without it the certificate is refused; a password never shows', async () => {
    const ca = process.env.FRAGMENTS_TEST_PG_CA;
    expect(ca, 'scripts/pg-cluster.sh exports FRAGMENTS_TEST_PG_CA, the CA of the test server\'s certificate').toBeTruthy();
    const url = new URL(await freshDatabase('tls'));
    url.password = 'pa55-word';
    const at = (query: string) => `${url.toString()}?${query}`;
    const home = tempHome('tls');
    const run = (store: string, args: string[]) => fragmentsJson(home, args, { FRAGMENTS_STORE: store, FRAGMENTS_USER: 'ann@example.com' });

    await ok(run(at(`sslmode=verify-full&sslrootcert=${ca}`), ['session:start']));
    const untrusted = await run(at('sslmode=verify-full'), ['session:status']);
    expect(untrusted.error?.code).toBe('STORE_UNREACHABLE');
    expect(untrusted.error?.message).toMatch(/certificate/i);
    for (const answer of [untrusted, await run(at('sslmode=disable&port=1'), ['session:status'])]) {
      expect(JSON.stringify(answer) + answer.stderr).not.toContain('pa55-word');
      expect(answer.error?.message).toContain('postgres:***@');
    }
    expect((await ok(run(at('sslmode=disable'), ['session:status']))).data.session_key).toMatch(/^SESSION-/);
  }, 60_000);
});
