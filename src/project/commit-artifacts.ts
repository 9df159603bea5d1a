import { gitStart, recordedCommits } from '../core/git-context.js';
import type { Commit } from '../domain/git.js';
import type { PlanFile, Task } from '../domain/plan.js';
import type { SessionsFile } from '../domain/session.js';
import { readCommitsSince, type GitRead } from './git.js';

/** A task rarely makes more; past this, the rest are left out with a word. */
const MOST_COMMITS = 100;

/**
 * Records on `task`, as `commit` artifacts, the commits made since it first
 * started in git: its repository's HEAD then, up to HEAD now. A commit some
 * other task already recorded stays that task's (work switched in between).
 */
export async function recordCommits(plan: PlanFile, sessions: SessionsFile, task: Task, session: string, at: string): Promise<GitRead<Commit[]>> {
  const start = gitStart(sessions, task.code);
  if (!start) return { value: [], warning: null };
  const read = await readCommitsSince(start, MOST_COMMITS + 1);
  if (!read.value) return read;
  const taken = recordedCommits(plan);
  const fresh = read.value.slice(-MOST_COMMITS).filter((c) => !taken.has(c.sha));
  for (const c of fresh) task.artifacts.push({ at, ref: c.sha, text: c.subject, session, kind: 'commit' });
  const warning = read.value.length > MOST_COMMITS ? `Only the last ${MOST_COMMITS} commits since ${task.code} started were recorded.` : null;
  return { value: fresh, warning };
}
