import { sameCode } from '../domain/codes.js';
import { GIT_LIMITS, type GitContext, type GitMark } from '../domain/git.js';
import type { PlanFile } from '../domain/plan.js';
import type { SessionsFile } from '../domain/session.js';

/** Where a task first started in git: the earliest of its time entries, in any session, that recorded one. */
export function gitStart(sessions: SessionsFile, code: string): GitMark | null {
  let first: { start: string; git: GitMark } | null = null;
  for (const s of sessions.sessions) {
    for (const e of s.time_entries) {
      if (e.git && sameCode(e.task, code) && (!first || e.start < first.start)) first = { start: e.start, git: e.git };
    }
  }
  return first?.git ?? null;
}

/** Shas already recorded as commit artifacts on some task: a commit belongs to the task that finished first with it. */
export function recordedCommits(plan: PlanFile): Set<string> {
  return new Set(plan.tasks.flatMap((t) => t.artifacts.filter((a) => a.kind === 'commit').map((a) => a.ref)));
}

/** "2 commits since you started T-1; 3 files uncommitted", or null when git has nothing new to tell. */
export function gitLine(code: string, git: GitContext | null): string | null {
  if (!git) return null;
  const commits = git.commits_since.length;
  const dirty = git.dirty_files.length;
  if (commits === 0 && dirty === 0) return null;
  const since = git.started_at_commit !== null || commits > 0;
  return [
    since ? `${count(commits, GIT_LIMITS.commits, 'commit')} since you started ${code}` : `${code} on ${git.branch ?? 'a detached HEAD'}`,
    ...(dirty ? [`${count(dirty, GIT_LIMITS.dirty_files, 'file')} uncommitted`] : []),
  ].join('; ');
}

/** The lists are capped: at the cap, say "or more". */
const count = (n: number, cap: number, word: string) => `${n}${n >= cap ? ' or more' : ''} ${word}${n === 1 ? '' : 's'}`;
