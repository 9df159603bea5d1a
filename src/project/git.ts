import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  // Loaded here, not imported: node:child_process costs every start a few ms (see check-run.ts).
  const { execFile } = process.getBuiltinModule('node:child_process');
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

/**
 * The work tree's root as git finds it, by looking for `.git` from `dir` up
 * without starting git: null where there is none (git would answer "not a
 * repository"), undefined where only git can tell (a folder that is gone or
 * unreadable, GIT_DIR, GIT_WORK_TREE or GIT_CEILING_DIRECTORIES set). Most commands run outside a
 * repository, and each start of git costs a command ~6 ms.
 */
function rootAbove(dir: string): string | null | undefined {
  if (process.env.GIT_DIR || process.env.GIT_WORK_TREE || process.env.GIT_CEILING_DIRECTORIES) return undefined;
  let at: string;
  try {
    // Real, as git prints it: a root recorded at activation is compared with this one.
    at = realpathSync(dir);
  } catch {
    return undefined;
  }
  for (; ; at = dirname(at)) {
    if (holdsRepository(join(at, '.git'))) return at;
    if (dirname(at) === at) return null;
  }
}

/** As git judges a `.git` on its way up: a folder with a HEAD, or a file naming the real one; anything else it walks past. */
function holdsRepository(dotGit: string): boolean {
  try {
    if (statSync(dotGit).isDirectory()) return existsSync(join(dotGit, 'HEAD'));
    return readFileSync(dotGit, 'utf8').startsWith('gitdir:');
  } catch {
    return false;
  }
}

/** Runs `what` with the root looked up once (undefined: git must say), or reads nothing outside a repository. */
async function attempt<T>(dir: string, what: (root: string | undefined) => Promise<T>): Promise<GitRead<T>> {
  const root = rootAbove(dir);
  if (root === null) return NOTHING_READ;
  try {
    return { value: await what(root), warning: null };
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

/** Where the work tree stands, its changed files included: one `git status`, and `rev-parse` only where looking up cannot find the root. */
async function mark(dir: string, found: string | undefined, untracked: boolean): Promise<GitMark & { dirty: string[] }> {
  const [root, out] = await Promise.all([
    found ?? git(dir, ['rev-parse', '--show-toplevel']).then((top) => top.trim()),
    git(dir, ['status', '--porcelain=v2', '--branch', '-z', `--untracked-files=${untracked ? 'normal' : 'no'}`]),
  ]);
  const status = parseStatus(out);
  return { root, branch: status.branch, head: status.head, dirty: status.dirty };
}

/**
 * Root, branch and HEAD of the work tree `cwd` is in: what a task's time
 * entry records when it starts. One `rev-parse` touches no file of the work
 * tree, so it costs the same in a large repository; only a repository with
 * no commit yet, where HEAD names nothing, asks `status` instead.
 */
export async function readMark(cwd: string): Promise<GitRead<GitMark>> {
  return attempt(cwd, async (found) => {
    try {
      const [root, head, ref] = (await git(cwd, ['rev-parse', '--show-toplevel', 'HEAD', '--symbolic-full-name', 'HEAD'])).split('\n');
      // In the schema's order: a file read back without its check keeps the order it was written in.
      return { root: root!, branch: ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null, head: head! };
    } catch (e) {
      if (!(e instanceof GitFailure && /ambiguous argument 'HEAD'/.test(e.message))) throw e;
      const { root, branch, head } = await mark(cwd, found, false);
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
  return attempt(dir, async (root) => {
    // With no start recorded, there is no telling which commits are the task's.
    // Asked beside the status, not after it; it only counts where HEAD names a commit.
    const since = start ? commitsSince(dir, start.head, GIT_LIMITS.commits).catch((e: unknown) => e) : Promise.resolve([]);
    const [now, found] = await Promise.all([mark(dir, root, true), since]);
    if (now.head !== null && found instanceof Error) throw found;
    const commits = now.head !== null && Array.isArray(found) ? found : [];
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
  return attempt(start.root, async () => (await commitsSince(start.root, start.head, limit)).reverse());
}
