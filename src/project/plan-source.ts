import { constants, promises as fsp } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { BacklogFile } from '../core/peers/backlog.js';
import { FragmentsError } from '../domain/errors.js';
import type { Unit } from '../core/plan-read.js';

/*
 * Where `import` reads a plan from, and how. A file is opened without
 * blocking and checked on its open descriptor: a regular file only (a FIFO or
 * /dev/stdin is refused at once, never read), no bigger than the cap, read
 * within a time limit. From MCP and HTTP (an agent, not the developer at the
 * keyboard) only plan files under the project folder or the home are read,
 * and every refusal is the same sentence, so answers map nothing of the disk.
 * A folder is a project whose peers' plans it holds are read: task-master,
 * Backlog.md, beads, spec-kit and Kiro specs.
 */

/** No plan is bigger: a 40,000-line plan is about 2 MB. */
export const PLAN_MAX_BYTES = 8 * 1024 * 1024;
/** All the files of a folder's plans together. */
const FOLDER_MAX_BYTES = 64 * 1024 * 1024;
const FOLDER_MAX_FILES = 20_000;
/** A read of a regular file that takes longer is stuck (a hung network share). */
const READ_TIMEOUT_MS = 10_000;
const PLAN_EXTENSIONS = new Set(['.md', '.markdown', '.mdx', '.txt', '.json', '.jsonl']);

export interface Where {
  /** The folder paths are read from: the project folder (the server's own for MCP and HTTP). */
  cwd: string;
  home: string;
  /** The developer typed the command: any file the user may read, with exact errors. */
  byDeveloper: boolean;
}

/** What `import` was given, as units to read: a file, a folder's peers, or content. */
export async function loadUnits(file: string | undefined, content: string | undefined, where: Where): Promise<Unit[]> {
  if (content !== undefined) {
    // A name given with content names it (and tells its plan from others'); nothing is read from it.
    const name = file ?? 'the content sent';
    const source = file === undefined ? null : resolve(where.cwd, file);
    return [{ kind: 'text', text: stripBom(content), name, source, fileName: file ? basename(file) : 'plan.md', ...featureOf(source) }];
  }
  if (file === undefined) throw new FragmentsError('USAGE', 'import needs a file, a folder, or the plan itself as content (`-` reads it from standard input).');
  if (file === '-') throw new FragmentsError('USAGE', where.byDeveloper ? '`import -` reads the plan from standard input: pipe it in.' : 'A plan from an agent comes as `content`, not `-`.');
  const reader = new Reader(where, file);
  const path = await reader.allowed(resolve(where.cwd, file));
  const opened = await reader.open(path);
  if (opened.kind === 'file') {
    if (!where.byDeveloper && !PLAN_EXTENSIONS.has(extname(path).toLowerCase())) throw reader.refused();
    return [{ kind: 'text', text: opened.text, name: file, source: path, fileName: basename(path), ...featureOf(path) }];
  }
  const units = await reader.peers(path);
  if (units.length === 0) {
    throw new FragmentsError(
      'NO_PLAN_FOUND',
      `${file} is a folder holding no plan that import knows: it looked for .taskmaster/tasks/tasks.json (task-master), backlog/tasks/*.md (Backlog.md), .beads/issues.jsonl (beads), specs/NNN-name/tasks.md (spec-kit) and .kiro/specs/NAME/tasks.md (Kiro). Name a plan file instead.`,
    );
  }
  return units;
}

/** `specs/002-user-auth/tasks.md`: a spec-kit feature, its own sprint, its number the prefix of its codes on a clash. */
function featureOf(path: string | null): { feature?: { folder: string; prefix: string } } {
  const m = path === null ? null : /(?:^|[\\/])specs[\\/]((\d{3,})-[^\\/]+)[\\/]tasks\.md$/i.exec(path);
  return m ? { feature: { folder: m[1]!, prefix: m[2]! } } : {};
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

type Opened = { kind: 'file'; text: string } | { kind: 'folder' };

class Reader {
  private roots: string[] | undefined;
  private total = 0;

  constructor(
    private readonly where: Where,
    private readonly given: string,
  ) {}

  /** The one answer an agent face gets for a path it may not read, whatever the reason (outside, missing, unreadable). */
  refused(): FragmentsError {
    return new FragmentsError(
      'FILE_UNREADABLE',
      `No plan at ${this.given} that import may read: over MCP and HTTP it reads plan files (.md, .json, .jsonl, .txt) and peer folders under the project folder (${this.where.cwd}) or the home. Or send the plan itself as \`content\`.`,
    );
  }

  private failed(e: unknown, path: string): FragmentsError {
    if (e instanceof FragmentsError) return e;
    if (!this.where.byDeveloper) return this.refused();
    const shown = path === resolve(this.where.cwd, this.given) ? this.given : path;
    const error = e as NodeJS.ErrnoException;
    const why = error.code === 'ENOENT' ? 'no such file' : error.code === 'EACCES' ? 'permission denied' : error.message;
    return new FragmentsError('FILE_UNREADABLE', `Cannot read ${shown}: ${why}.`);
  }

  /** The real path, when an agent face may read it: under the project folder or the home, `..` and links resolved first. */
  async allowed(path: string): Promise<string> {
    if (this.where.byDeveloper) return path;
    let real: string;
    try {
      real = await fsp.realpath(path);
      this.roots ??= await Promise.all([this.where.cwd, this.where.home].map((root) => fsp.realpath(root).catch(() => resolve(root))));
    } catch {
      throw this.refused();
    }
    if (!this.roots.some((root) => within(root, real))) throw this.refused();
    return real;
  }

  /**
   * Opens without blocking (a FIFO's open would wait for a writer) and judges
   * the open descriptor, not the name: a regular file is read, within the cap
   * and the time limit; a folder is a project; anything else is refused at once.
   */
  async open(path: string): Promise<Opened> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      throw this.failed(e, path);
    }
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) return { kind: 'folder' };
      if (!stat.isFile()) {
        if (!this.where.byDeveloper) throw this.refused();
        throw new FragmentsError('FILE_UNREADABLE', `${this.given} is not a regular file (a FIFO, a socket or a device): pipe the plan in with \`fragments import - < FILE\`.`);
      }
      if (stat.size > PLAN_MAX_BYTES) throw tooBig(this.where.byDeveloper ? path : this.given);
      this.total += stat.size;
      if (this.total > FOLDER_MAX_BYTES) throw new FragmentsError('PLAN_TOO_BIG', `The plans under ${this.given} are over ${FOLDER_MAX_BYTES / 1024 / 1024} MiB together; import them one by one.`);
      const bytes = await handle.readFile({ signal: AbortSignal.timeout(READ_TIMEOUT_MS) }).catch((e: Error) => {
        if (e.name === 'AbortError' || e.name === 'TimeoutError') throw new FragmentsError('FILE_UNREADABLE', `Reading ${this.given} took over ${READ_TIMEOUT_MS / 1000} s; nothing was imported.`);
        throw e;
      });
      if (bytes.length > PLAN_MAX_BYTES) throw tooBig(this.given);
      return { kind: 'file', text: stripBom(bytes.toString('utf8')) };
    } catch (e) {
      throw this.failed(e, path);
    } finally {
      await handle.close();
    }
  }

  /** A file inside a folder being read: under the roots too, a regular file, or absent (undefined). */
  private async file(path: string): Promise<string | undefined> {
    try {
      const real = await this.allowed(path);
      const opened = await this.open(real);
      return opened.kind === 'file' ? opened.text : undefined;
    } catch (e) {
      if ((e as FragmentsError).code === 'PLAN_TOO_BIG') throw e;
      return undefined;
    }
  }

  private async list(dir: string): Promise<string[]> {
    const names = await fsp.readdir(dir).catch(() => [] as string[]);
    if (names.length > FOLDER_MAX_FILES) throw new FragmentsError('PLAN_TOO_BIG', `${this.given} holds over ${FOLDER_MAX_FILES} files in one folder; import a plan file instead.`);
    return names.sort();
  }

  /** The plans of the peers a project folder holds, each a unit of its own. The folder may also be a peer's own folder. */
  async peers(dir: string): Promise<Unit[]> {
    const units: Unit[] = [];
    const name = (path: string) => (this.where.byDeveloper ? relativeName(this.where.cwd, path) : join(this.given, relative(dir, path)));
    const text = async (path: string, fileName = basename(path)): Promise<void> => {
      const content = await this.file(path);
      if (content !== undefined) units.push({ kind: 'text', text: content, name: name(path), source: path, fileName, ...featureOf(path) });
    };
    const here = basename(dir);
    for (const path of [join(dir, '.taskmaster', 'tasks', 'tasks.json'), join(dir, 'tasks', 'tasks.json'), ...(here === 'tasks' ? [join(dir, 'tasks.json')] : [])]) {
      const before = units.length;
      await text(path);
      if (units.length > before) break;
    }
    const backlog = here === 'backlog' ? dir : join(dir, 'backlog');
    const backlogUnit = await this.backlog(backlog, name(backlog));
    if (backlogUnit) units.push(backlogUnit);
    await text(here === '.beads' ? join(dir, 'issues.jsonl') : join(dir, '.beads', 'issues.jsonl'));
    const specs = here === 'specs' ? dir : join(dir, 'specs');
    for (const feature of await this.list(specs)) {
      if (/^\d{3,}-/.test(feature)) await text(join(specs, feature, 'tasks.md'));
    }
    if (/^\d{3,}-/.test(here)) await text(join(dir, 'tasks.md'));
    const kiro = join(dir, '.kiro', 'specs');
    for (const spec of await this.list(kiro)) await text(join(kiro, spec, 'tasks.md'), `${spec}.md`);
    return units;
  }

  private async backlog(dir: string, shown: string): Promise<Unit | undefined> {
    const files: BacklogFile[] = [];
    for (const sub of ['tasks', 'completed', join('archive', 'tasks'), 'milestones', join('archive', 'milestones')]) {
      for (const entry of await this.list(join(dir, sub))) {
        if (!entry.endsWith('.md')) continue;
        const content = await this.file(join(dir, sub, entry));
        if (content !== undefined) files.push({ path: `${sub.split(sep).join('/')}/${entry}`, text: content });
      }
    }
    if (!files.some((f) => !f.path.includes('milestones/'))) return undefined;
    return { kind: 'backlog', files, config: await this.file(join(dir, 'config.yml')), name: shown, source: dir };
  }
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function tooBig(shown: string): FragmentsError {
  return new FragmentsError('PLAN_TOO_BIG', `${shown} is over ${PLAN_MAX_BYTES / 1024 / 1024} MiB, more than any plan: nothing was imported. Split it, or import the plan's part you need.`);
}

function relativeName(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}
