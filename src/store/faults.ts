import { FragmentsError, type ErrorCode } from '../domain/errors.js';

/** `path` is what the system call named; a write to an open file names none. */
type Explain = (path: string | undefined, home: string) => { code: ErrorCode; message: string };

const permission: Explain = (path, home) => ({
  code: 'PERMISSION_DENIED',
  message: `Permission denied on ${path ?? home}: this user may not read or write it. Give your user access to the home (\`chown -R "$(id -un)" ${home}\` or \`chmod -R u+rwX ${home}\`), or point --home (or FRAGMENTS_HOME) at a folder you own.`,
});

const diskFull: Explain = (path, home) => ({
  code: 'DISK_FULL',
  message: `No space left on the device that holds ${home}${path ? ` (writing ${path})` : ''}. Free some space, then run the command again.`,
});

/** The file-system faults a user can fix, each with its fix; anything else is a bug and stays one. */
const FAULTS: Record<string, Explain> = {
  EACCES: permission,
  EPERM: permission,
  EROFS: (path, home) => ({
    code: 'READ_ONLY_HOME',
    message: `${path ?? home} is on a read-only file system, so Fragments cannot record anything in ${home}. Remount it read-write, or point --home (or FRAGMENTS_HOME) at a writable folder.`,
  }),
  ENOTDIR: (path, home) => ({
    code: 'HOME_NOT_A_FOLDER',
    message: `${path ?? home} runs through a file where a folder should be, so ${home} cannot hold a Fragments home. Point --home (or FRAGMENTS_HOME) at a folder.`,
  }),
  ENAMETOOLONG: (path, home) => ({
    code: 'PATH_TOO_LONG',
    message: `${path ?? home} is longer than this file system allows a path or a name to be. Point --home (or FRAGMENTS_HOME) at a folder with a shorter path.`,
  }),
  ENOSPC: diskFull,
  EDQUOT: diskFull,
};

/** `e` as an error that names the path and the fix, when it is a fault of the home's file system; else null. */
export function homeFault(e: unknown, home: string): FragmentsError | null {
  if (e instanceof FragmentsError || !(e instanceof Error)) return null;
  const { code, path } = e as NodeJS.ErrnoException;
  const explain = code ? FAULTS[code] : undefined;
  if (!explain) return null;
  const fault = explain(path, home);
  const error = new FragmentsError(fault.code, fault.message, { path: path ?? home, errno: code });
  error.cause = e;
  return error;
}

/** Rethrows a file-system fault as its FragmentsError; other errors pass unchanged. */
export function asHomeFault(home: string): (e: unknown) => never {
  return (e) => {
    throw homeFault(e, home) ?? e;
  };
}
