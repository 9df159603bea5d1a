import { userInfo } from 'node:os';

/**
 * Who works here, as a shared store tells people apart: --user, else
 * FRAGMENTS_USER, else git's user.email, else the operating system's user.
 * Asked only by what needs it, once: git is a process to start.
 */
export function userResolver(flag: string | undefined, env: NodeJS.ProcessEnv): () => string {
  let user: string | undefined;
  return () => (user ??= flag || env.FRAGMENTS_USER || gitEmail() || osUser());
}

function gitEmail(): string | undefined {
  try {
    // Loaded here, not imported: node:child_process costs every start ~8 ms, and only a shared store asks who the user is.
    return process.getBuiltinModule('node:child_process').execFileSync('git', ['config', '--get', 'user.email'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
