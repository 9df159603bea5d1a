import { execFileSync, execFile } from 'node:child_process';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempHome } from '../helpers/cli.js';
import { at } from '../helpers/session.js';
import type { WireEnvelope } from '../helpers/cli.js';
import { homeEnv } from '../helpers/store-env.js';

/** `fragments ARGS --json`, run from `cwd` (the face's working directory is where git is read). */
function run(home: string, cwd: string, minutes: number, ...args: string[]): Promise<WireEnvelope & { exit: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args, '--json'], { cwd, env: { ...process.env, ...homeEnv(home), FRAGMENTS_NOW: at(minutes), NO_COLOR: '1' } }, (error, stdout) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ ...(JSON.parse(stdout) as WireEnvelope), exit: error ? Number(error.code) : 0 });
    });
  });
}

function ok(answer: WireEnvelope & { exit: number }) {
  expect(answer.success, `${answer.command}: ${JSON.stringify(answer.error)}`).toBe(true);
  return answer;
}

/** A real repository with one commit, its own identity, and no signing or hooks from the machine's config. */
function repository(): string {
  const dir = realpathSync(tempHome('repo'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.com');
  git('config', 'commit.gpgsign', 'false');
  writeFileSync(join(dir, 'README'), 'start\n');
  git('add', 'README');
  git('commit', '-q', '-m', 'Initial commit');
  return dir;
}

function commit(dir: string, file: string, subject: string): string {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  writeFileSync(join(dir, file), `${subject}\n`);
  execFileSync('git', ['add', file], { cwd: dir, env });
  execFileSync('git', ['commit', '-q', '-m', subject], { cwd: dir, env });
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, env }).toString().trim();
}

interface Git {
  root: string;
  branch: string | null;
  started_at_commit: string | null;
  head: string | null;
  commits_since: { sha: string; subject: string; at: string }[];
  dirty_files: string[];
}

async function planned(home: string, cwd: string) {
  ok(await run(home, cwd, 0, 'import', join(process.cwd(), 'examples/sprint-plan.md')));
  ok(await run(home, cwd, 0, 'session:start'));
}

describe('git-aware context', () => {
  it('tells the commits made and the files left since the task started, and records the commits on done', async () => {
    const repo = repository();
    const home = tempHome('git');
    await planned(home, repo);
    const startedAt = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo }).toString().trim();
    ok(await run(home, repo, 0, 'task:activate', 'T-SESS-01-DB'));
    const first = commit(repo, 'schema.sql', 'Add the sessions schema');
    const second = commit(repo, 'migrate.ts', 'Run migrations on start');
    writeFileSync(join(repo, 'README'), 'changed\n');
    writeFileSync(join(repo, 'notes with space.txt'), 'new\n');

    const resumed = ok(await run(home, repo, 30, 'session:resume'));
    const git = resumed.data.git as Git;
    expect(git).toMatchObject({ root: repo, branch: 'main', started_at_commit: startedAt, head: second });
    expect(git.commits_since.map((c) => [c.sha, c.subject])).toEqual([
      [second, 'Run migrations on start'],
      [first, 'Add the sessions schema'],
    ]);
    expect(git.dirty_files.sort()).toEqual(['README', 'notes with space.txt']);
    expect(resumed.instructions!.next_actions.join('\n')).toContain('2 commits since you started T-SESS-01-DB; 2 files uncommitted');

    // Run from elsewhere (an agent in another folder), the task's own work tree is still the one read.
    const status = ok(await run(home, tmpdir(), 31, 'session:status'));
    expect((status.data.git as Git).commits_since).toHaveLength(2);
    const shown = ok(await run(home, repo, 31, 'task:show'));
    expect((shown.data.git as Git).head).toBe(second);

    ok(await run(home, repo, 32, 'update', 'Schema and migrations committed'));
    const done = ok(await run(home, repo, 33, 'done', 'Schema in place'));
    expect((done.data.commits as { sha: string }[]).map((c) => c.sha)).toEqual([first, second]);
    const task = ok(await run(home, repo, 34, 'task:show', 'T-SESS-01-DB')).data.task as { artifacts: { ref: string; text: string; kind?: string }[] };
    expect(task.artifacts.filter((a) => a.kind === 'commit').map((a) => [a.ref, a.text])).toEqual([
      [first, 'Add the sessions schema'],
      [second, 'Run migrations on start'],
    ]);
  });

  it('a commit recorded by one task is not recorded again by the task that was paused around it', async () => {
    const repo = repository();
    const home = tempHome('git-switch');
    await planned(home, repo);
    ok(await run(home, repo, 0, 'task:activate', 'T-SESS-01-DB'));
    const a = commit(repo, 'a.txt', 'Work on the schema');
    ok(await run(home, repo, 5, 'task:activate', 'T-SESS-01-MODELS'));
    const b = commit(repo, 'b.txt', 'Work on the models');
    ok(await run(home, repo, 10, 'update', 'models'));
    expect((ok(await run(home, repo, 11, 'done', 'Models done')).data.commits as { sha: string }[]).map((c) => c.sha)).toEqual([b]);
    ok(await run(home, repo, 12, 'task:activate', 'T-SESS-01-DB'));
    ok(await run(home, repo, 13, 'update', 'schema'));
    expect((ok(await run(home, repo, 14, 'done', 'Schema done')).data.commits as { sha: string }[]).map((c) => c.sha)).toEqual([a]);
  });

  it('in a repository with no commit yet, every commit made is the task’s', async () => {
    const repo = realpathSync(tempHome('fresh-repo'));
    execFileSync('git', ['init', '-q', '-b', 'trunk'], { cwd: repo });
    for (const [k, v] of [['user.name', 'Test'], ['user.email', 'test@example.com'], ['commit.gpgsign', 'false']]) execFileSync('git', ['config', k!, v!], { cwd: repo });
    const home = tempHome('git-fresh');
    await planned(home, repo);
    ok(await run(home, repo, 0, 'task:activate', 'T-SESS-01-DB'));
    expect((ok(await run(home, repo, 1, 'session:status')).data.git as Git)).toMatchObject({ branch: 'trunk', head: null, started_at_commit: null, commits_since: [] });
    const first = commit(repo, 'a.txt', 'The very first commit');
    const git = ok(await run(home, repo, 2, 'session:status')).data.git as Git;
    expect(git).toMatchObject({ head: first, started_at_commit: null });
    expect(git.commits_since.map((c) => c.sha)).toEqual([first]);
  });

  it('a .git that holds no repository is walked past, as git does, to the work tree above', async () => {
    const repo = realpathSync(tempHome('fresh-repo'));
    execFileSync('git', ['init', '-q', '-b', 'trunk'], { cwd: repo });
    const sub = join(repo, 'sub');
    mkdirSync(join(sub, '.git'), { recursive: true });
    const home = tempHome('git-walk');
    await planned(home, sub);
    ok(await run(home, sub, 0, 'task:activate', 'T-SESS-01-DB'));
    expect((ok(await run(home, sub, 1, 'session:status')).data.git as Git).root).toBe(repo);
  });

  it('outside a repository data.git is null and nothing fails or warns', async () => {
    const outside = realpathSync(tempHome('plain'));
    const home = tempHome('no-git');
    await planned(home, outside);
    const activated = ok(await run(home, outside, 0, 'task:activate', 'T-SESS-01-DB'));
    expect(activated.instructions!.validation_warnings).toEqual([]);
    const resumed = ok(await run(home, outside, 5, 'session:resume'));
    expect(resumed.data.git).toBeNull();
    expect(resumed.instructions!.validation_warnings).toEqual([]);
    expect(ok(await run(home, outside, 5, 'session:status')).data.git).toBeNull();
    ok(await run(home, outside, 6, 'update', 'no git here'));
    expect(ok(await run(home, outside, 7, 'done', 'Done without git')).data.commits).toEqual([]);
  });

  it('without a git executable data.git is null and a warning says why', async () => {
    const repo = repository();
    const home = tempHome('git-missing');
    await planned(home, repo);
    ok(await run(home, repo, 0, 'task:activate', 'T-SESS-01-DB'));
    // The home's time entry remembers the work tree; now git is gone from PATH.
    const resumed = await new Promise<WireEnvelope>((resolve, reject) =>
      execFile(process.execPath, [BIN, 'session:resume', '--json'], { cwd: repo, env: { ...process.env, PATH: '/nonexistent', ...homeEnv(home), FRAGMENTS_NOW: at(5) } }, (error, stdout) =>
        error ? reject(error) : resolve(JSON.parse(stdout) as WireEnvelope),
      ),
    );
    expect(resumed.success).toBe(true);
    expect(resumed.data.git).toBeNull();
    expect(resumed.instructions!.validation_warnings.join('\n')).toMatch(/No git context: git is not installed/);
  });
});
