import * as z from 'zod';

/** Where a task started in git: recorded on its time entry when it is activated inside a work tree. */
export const GitMark = z.lazy(() => z.object({
  root: z.string(),
  /** null on a detached HEAD. */
  branch: z.string().nullable(),
  /** null in a repository with no commit yet. */
  head: z.string().nullable(),
}));
export type GitMark = z.infer<typeof GitMark>;

export interface Commit {
  sha: string;
  subject: string;
  at: string;
}

/** What changed in the code while a task was open (`data.git`). */
export interface GitContext {
  root: string;
  branch: string | null;
  started_at_commit: string | null;
  head: string | null;
  /** Newest first, at most GIT_LIMITS.commits. */
  commits_since: Commit[];
  /** Paths from the repository root, at most GIT_LIMITS.dirty_files. */
  dirty_files: string[];
}

export const GIT_LIMITS = { commits: 20, dirty_files: 50 } as const;
