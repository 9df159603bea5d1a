import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { gitStart } from '../core/git-context.js';
import { GIT_LIMITS, type Commit, type GitContext, type GitMark } from '../domain/git.js';
import type { SessionsFile } from '../domain/session.js';

/**
 * Reading git for a command. Git runs as a child process with a short time
 * limit: a command waits on it at most that long, and a git that fails,
 * hangs or is missing costs the answer its `git` part, never the command.
 */
export const GIT_TIMEOUT_MS = 1500;

/** What reading git gave: a value, or null with why (a warning), or null with no word (not a repository). */
export interface GitRead<T> {
  value: T | null;
  warning: string | null;
}

/** Nothing read, and nothing to say: no task to read git for. */
export const NOTHING_READ: GitRead<never> = { value: null, warning: null };

class GitFailure extends Error {}
class NotARepository extends Error {}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // GIT_OPTIONAL_LOCKS=0: `status` must not take index.lock and collide with the user's own git.
    execFile('git', args, { cwd, timeout: GIT_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: string | number };
      if (e.code === 'ENOENT') {
        return reject(new GitFailure(existsSync(cwd) ? 'git is not installed (no `git` on PATH)' : `the folder ${cwd} is gone`));
      }
      if (e.killed) return reject(new GitFailure(`git took longer than ${GIT_TIMEOUT_MS / 1000} s in ${cwd} and was stopped`));
      if (/not a git repository/i.test(stderr)) return reject(new NotARepository());
      // A repository with no commit yet has an empty history, not a broken one.
      if (args[0] === 'log' && /does not have any commits yet/.test(stderr)) return resolve('');
      reject(new GitFailure(`\`git ${args[0]}\` failed in ${cwd}: ${stderr.trim().split('\n')[0] || `exit ${String(e.code)}`}`));
    });
  });
}

async function attempt<T>(what: () => Promise<T>): Promise<GitRead<T>> {
  try {
    return { value: await what(), warning: null };
  } catch (e) {
    if (e instanceof NotARepository) return { value: null, warning: null };
    if (e instanceof GitFailure) return { value: null, warning: `No git context: ${e.message}.` };
    throw e;
  }
}

interface Status {
  head: string | null;
  branch: string | null;
  dirty: string[];
}

/** `git status --porcelain=v2 --branch -z`: paths are from the repository root, whatever the folder. */
function parseStatus(out: string): Status {
  const status: Status = { head: null, branch: null, dirty: [] };
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.startsWith('# branch.oid ')) {
      const oid = f.slice('# branch.oid '.length);
      status.head = oid === '(initial)' ? null : oid;
    } else if (f.startsWith('# branch.head ')) {
      const head = f.slice('# branch.head '.length);
      status.branch = head === '(detached)' ? null : head;
    } else if (f.startsWith('1 ')) status.dirty.push(afterSpaces(f, 8));
    else if (f.startsWith('2 ')) {
      status.dirty.push(afterSpaces(f, 9));
      i++; // a rename's original path follows as its own field
    } else if (f.startsWith('u ')) status.dirty.push(afterSpaces(f, 10));
    else if (f.startsWith('? ')) status.dirty.push(f.slice(2));
  }
  return status;
}

/** The text after the `n`th space: the path, which may itself hold spaces. */
function afterSpaces(line: string, n: number): string {
  let at = -1;
  for (let k = 0; k < n; k++) at = line.indexOf(' ', at + 1);
  return line.slice(at + 1);
}

/** Where the work tree stands, its changed files included. */
async function mark(dir: string, untracked: boolean): Promise<GitMark & { dirty: string[] }> {
  const [top, out] = await Promise.all([
    git(dir, ['rev-parse', '--show-toplevel']),
    git(dir, ['status', '--porcelain=v2', '--branch', '-z', `--untracked-files=${untracked ? 'normal' : 'no'}`]),
  ]);
  const status = parseStatus(out);
  return { root: top.trim(), branch: status.branch, head: status.head, dirty: status.dirty };
}

/**
 * Root, branch and HEAD of the work tree `cwd` is in: what a task's time
 * entry records when it starts. One `rev-parse` touches no file of the work
 * tree, so it costs the same in a large repository; only a repository with
 * no commit yet, where HEAD names nothing, asks `status` instead.
 */
export async function readMark(cwd: string): Promise<GitRead<GitMark>> {
  return attempt(async () => {
    try {
      const [root, head, ref] = (await git(cwd, ['rev-parse', '--show-toplevel', 'HEAD', '--symbolic-full-name', 'HEAD'])).split('\n');
      return { root: root!, head: head!, branch: ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null };
    } catch (e) {
      if (!(e instanceof GitFailure && /ambiguous argument 'HEAD'/.test(e.message))) throw e;
      const { root, branch, head } = await mark(cwd, false);
      return { root, branch, head };
    }
  });
}

/** Commits reachable from HEAD and not from `since` (all of HEAD's when null), newest first. */
async function commitsSince(root: string, since: string | null, limit: number): Promise<Commit[]> {
  const out = await git(root, ['log', '-z', '--format=%H%x00%s%x00%cI', `-n${limit}`, since ? `${since}..HEAD` : 'HEAD']);
  const fields = out.split('\0');
  const commits: Commit[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) commits.push({ sha: fields[i]!.trim(), subject: fields[i + 1]!, at: fields[i + 2]! });
  return commits;
}

/**
 * `data.git` for a task: read in the work tree it started in when one was
 * recorded (the agent may be elsewhere now), else in `cwd`.
 */
export async function readTaskGit(cwd: string | undefined, sessions: SessionsFile, code: string): Promise<GitRead<GitContext>> {
  const start = gitStart(sessions, code);
  const dir = start?.root ?? cwd;
  if (!dir) return NOTHING_READ;
  return attempt(async () => {
    const now = await mark(dir, true);
    // With no start recorded, there is no telling which commits are the task's.
    const commits = start && now.head !== null ? await commitsSince(now.root, start.head, GIT_LIMITS.commits) : [];
    return {
      root: now.root,
      branch: now.branch,
      started_at_commit: start?.head ?? null,
      head: now.head,
      commits_since: commits,
      dirty_files: now.dirty.slice(0, GIT_LIMITS.dirty_files),
    };
  });
}

/** The commits made since `start`, oldest first, for `done` to record (at most `limit`). */
export async function readCommitsSince(start: GitMark, limit: number): Promise<GitRead<Commit[]>> {
  return attempt(async () => (await commitsSince(start.root, start.head, limit)).reverse());
}
