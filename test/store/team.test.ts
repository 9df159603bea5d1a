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
import { fragmentsProcess, start, stopped } from '../helpers/processes.js';

const NOTES = new URL('../e2e/fixtures/notes.mjs', import.meta.url).pathname;
const PLAN = new URL('../../examples/sprint-plan.md', import.meta.url).pathname;

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
});
