/**
 * A lock left by a killed process is taken over at once, because its holder
 * is dead, and nothing acknowledged is lost. "At once" is tested without a
 * clock: the next command is allowed no wait at all (FRAGMENTS_LOCK_WAIT=0),
 * so only a look at the holder can get it through.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fragmentsJson, tempHome } from '../helpers/cli.js';
import { homeEnv } from '../helpers/store-env.js';

const STREAM = new URL('./fixtures/stream.mjs', import.meta.url).pathname;

/** Runs the task-creating stream until it has written, then SIGKILLs it; `locked` when it died holding the lock. */
async function killWhileLocked(home: string, from: number): Promise<{ locked: boolean; acknowledged: string[] }> {
  const child = spawn(process.execPath, [STREAM, String(from), String(32 * 1024)], { env: { ...process.env, ...homeEnv(home) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const acknowledged: string[] = [];
  let text = '';
  await new Promise<void>((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      for (const line of text.split('\n').slice(0, -1)) if (line.startsWith('ok ')) acknowledged.push(line.slice(3));
      text = text.slice(text.lastIndexOf('\n') + 1);
      // Killed a moment into its next transactions: it holds the lock most of the time.
      if (acknowledged.length === 2) setTimeout(() => child.kill('SIGKILL'), Math.random() * 150);
    });
    child.on('close', () => resolve());
  });
  return { locked: existsSync(join(home, '.lock')), acknowledged: [...new Set(acknowledged)] };
}

describe('a lock left by a killed process', () => {
  it('is taken over at once, and the home keeps every acknowledged change', async () => {
    const home = tempHome('stale-lock');
    expect((await fragmentsJson(home, ['session:start'])).success).toBe(true);
    const acknowledged: string[] = [];
    let left = false;
    for (let attempt = 0; attempt < 20 && !left; attempt++) {
      const run = await killWhileLocked(home, 1000 * (attempt + 1));
      acknowledged.push(...run.acknowledged);
      left = run.locked;
    }
    expect(left, 'no kill landed while the lock was held').toBe(true);
    // The lock names its dead holder; nothing else is left of it.
    expect(readdirSync(join(home, '.lock'))).toHaveLength(1);

    // What killed processes leave besides the lock: a folder prepared to take it, a staged file never installed.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const leftovers = [join(home, `.lock.${dead}-mx7um9gj0a1b2c3d4e5f`), join(home, 'activity', `.SESSION-001.json.${dead}-3.tmp`)];
    const alive = join(home, `.sessions.json.${process.pid}-1.tmp`);
    mkdirSync(leftovers[0]!);
    for (const file of [leftovers[1]!, alive]) writeFileSync(file, 'staged');

    const update = await fragmentsJson(home, ['update', 'after the crash'], { FRAGMENTS_LOCK_WAIT: '0' });
    expect(update.error?.code, update.error?.message).toBeUndefined();
    expect(update.success).toBe(true);
    expect(existsSync(join(home, '.lock')), 'the lock is released after the command').toBe(false);
    expect(leftovers.filter((path) => existsSync(path)), 'what the dead left is swept').toEqual([]);
    expect(existsSync(alive), 'what a live process staged is left alone').toBe(true);

    const history = await fragmentsJson(home, ['history', '--limit', '5']);
    expect((history.data.activities as { text?: string }[]).map((a) => a.text)).toContain('after the crash');
    const tasks = ((await fragmentsJson(home, ['task:list'])).data.tasks as { code: string }[]).map((t) => t.code);
    expect(acknowledged.filter((code) => !tasks.includes(code))).toEqual([]);
    expect((await fragmentsJson(home, ['doctor'])).success).toBe(true);
  }, 120_000);
});
