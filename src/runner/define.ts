import * as z from 'zod';
import type { Instructions, InstructionHints } from '../core/instructions.js';
import type { ErrorCode } from '../domain/errors.js';
import type { Source } from '../domain/session.js';
import type { Store, Tx } from '../store/store.js';

/** Who runs a command: the screen, the shell, an MCP client, an HTTP client. */
export type Face = Source;

/** What travels with every command: never globals, environment or the clock. */
export interface Ctx {
  store: Store;
  face: Face;
  now: () => Date;
  /** An explicit session (flag, argument, header); else the home's current one. */
  sessionKey?: string | undefined;
  requestId?: string | undefined;
  /** Set by the runner: the catalogue name of the command being run. */
  command?: string;
  /** Set by the runner: the catalogue it was found in, which `help` describes. */
  catalogue?: Catalogue;
  /**
   * The folder the face works in (the server's own for MCP and HTTP): a
   * completion check runs there, `init` writes there, git is read there.
   */
  cwd?: string | undefined;
  /**
   * True only where the developer types the command (CLI, TUI): only there may
   * any check command run, or project files be written. MCP and HTTP leave it
   * unset, whatever their caller says its source is.
   */
  byDeveloper?: boolean;
  /**
   * The face serves other callers while a command runs (MCP, HTTP): slow work
   * that needs no lock (reading a big plan) runs off its event loop.
   */
  serving?: boolean;
  /** Told when a completion check starts, so a screen can show it running. */
  checking?: (command: string) => void;
}

/**
 * How a face shows an answer: every command's data carries one of these as
 * `ui`, and the renderers (the human text, the screen) switch on it, so a new
 * kind of answer cannot go unshown. A command whose answer looks like another's
 * (a task, a list of sessions) takes that one's tag and is shown for free.
 */
export type View =
  | 'commands'
  | 'topic'
  | 'usage'
  | 'session-started'
  | 'session'
  | 'session-summary'
  | 'sessions'
  | 'heartbeat'
  | 'activities'
  | 'context'
  | 'sprint'
  | 'sprints'
  | 'task'
  | 'task-completed'
  | 'tasks'
  | 'task-board'
  | 'recorded'
  | 'logged'
  | 'refused'
  | 'import'
  | 'document'
  | 'report'
  | 'forecast'
  | 'doctor'
  | 'store'
  | 'board'
  | 'codes'
  | 'init';

/** What every command's data holds besides its own fields. */
export type Data = {
  ui: View;
};

/** The data of an answer given before any command ran (an unknown command, bad arguments): none. */
export type NoData = {
  ui?: undefined;
};

/** A retried request answers with its first answer, marked. */
export type Replayed = {
  replayed?: true;
  replayed_at?: string;
};

/** The answer every face gets (SPEC 4): `data` is the command's own, typed by the catalogue. */
export interface Envelope<D = Data | NoData> {
  schema_version: 1;
  success: boolean;
  command: string;
  session_key: string | null;
  data: D & Replayed;
  error?: { code: string; message: string; details?: Record<string, unknown> };
  instructions?: Instructions;
}

/** What a handler hands back; the runner turns it into the envelope. */
export interface Outcome<D extends Data = Data> {
  data: D;
  /** A check that failed still commits what it recorded, and answers success: false. */
  failure?: { code: ErrorCode; message: string };
  hints?: InstructionHints;
  /** Pure reads may leave instructions out. */
  quiet?: boolean;
  /**
   * What the command acted on, for the activity the runner records for it;
   * without it the activity is tagged with the active task and sprint.
   */
  about?: { task?: string | null; sprint?: string | null };
}

/** What an argument's values complete to at the prompt. */
/** `file`: a path on this machine (the prompt lists the folder being typed). */
export type Completes = 'task' | 'sprint' | 'session' | 'command' | 'file';

/**
 * An HTTP route of its own, besides `POST /api/commands/NAME`: GET reads the
 * arguments from the query, POST from the JSON body; a path parameter fills
 * the argument of its name, and `:session` names the session it acts in.
 */
export type Route = `${'GET' | 'POST'} /${string}`;

type Key<A> = keyof A & string;
export type Args<A extends z.ZodRawShape> = z.output<z.ZodObject<A>>;

/** What a command is: everything every face needs to know about it, and what it does. */
interface Spec<N extends string, A extends z.ZodRawShape> {
  /** The catalogue name, the CLI's form: `task:activate`. */
  name: N;
  /** The TUI's form, e.g. `/task-start`; also accepted by the CLI. */
  slash?: string;
  summary: string;
  /**
   * When an agent should call it, said to the agent: a command that has one
   * is an MCP tool. Agents pay for every tool on every turn, so the rest stay
   * on the CLI and `POST /api/commands/NAME`.
   */
  agent?: string;
  /** Its arguments, each a zod schema; the object schema is built on first use. */
  args: A;
  /** A rule between arguments, checked after each one's own; its message is said of `path`. */
  refine?: { check(args: Args<A>): boolean; path: Key<A>; message: string };
  /** Argument names filled from bare words, in order. */
  positional?: Key<A>[];
  /** The argument that takes the rest of the line as free text. */
  rest?: Key<A>;
  /** What the values of its arguments complete to at the prompt (Tab); a choice completes to its values anyway. */
  completes?: Partial<Record<Key<A>, Completes>>;
  /**
   * The argument that carries a closing summary (`summary`, `retrospective`):
   * when a completion check refuses for the want of it, the screen asks for it.
   */
  closes?: Key<A>;
  /**
   * A flag that makes the command say what it would do and change nothing
   * (`import`'s dry_run): the TUI runs it so first, shows that, and asks.
   */
  preview?: Key<A>;
  /** On the CLI, this argument given as `-` reads standard input into that one (`import -`). */
  stdin?: { from: Key<A>; into: Key<A> };
  /** Command and argument words written out for help, e.g. `fragments done "Migration applied"`. */
  example?: string;
  /**
   * The session it answers with (`session_key`) becomes the caller's own:
   * the runner advises on that one, and a face that keeps a session (the
   * screen, an MCP connection) moves to it.
   */
  takesUp?: true;
  /** It ends the session it answers with: a face that kept that session lets it go. */
  endsSession?: true;
  /** It rewrites what exists rather than adding to it (`import`): MCP clients are told so. */
  destructive?: true;
  routes?: Route[];
}

/** Most commands work inside one store transaction: `write` takes the lock, `read` does not. */
interface TxSpec<N extends string, A extends z.ZodRawShape, R extends Outcome, P> extends Spec<N, A> {
  tx: 'write' | 'read';
  /**
   * Who records the session's activity for a write: by default the runner, a
   * `command` activity naming the words it was given; `itself` when `run`
   * records what it did (an update, a pause); `nothing` for a write that is
   * no event of the session (a heartbeat).
   */
  records?: 'itself' | 'nothing';
  /**
   * Work that must not hold the home's lock (a completion check may run for
   * minutes): done before the transaction, its result handed to `run`. A
   * retried request (same request id) skips it and gets its first answer.
   */
  prepare?(ctx: Ctx, args: Args<A>): Promise<P>;
  run(tx: Tx, args: Args<A>, ctx: Ctx, prepared: P | undefined): Promise<R>;
}

/** Commands that must see the home raw (doctor reads damaged files). */
interface RawSpec<N extends string, A extends z.ZodRawShape, R extends Outcome> extends Spec<N, A> {
  tx: 'none';
  run(ctx: Ctx, args: Args<A>): Promise<R>;
}

/** A command of the catalogue, as faces and the runner see it. */
export type Command<N extends string = string, A extends z.ZodRawShape = z.ZodRawShape, R extends Outcome = Outcome> = (
  | TxSpec<N, A, R, unknown>
  | RawSpec<N, A, R>
) & {
  /** The arguments' schema, built once, on first use: a one-shot command builds only its own. */
  schema(): z.ZodObject<A>;
};

export function defineCommand<const N extends string, A extends z.ZodRawShape, R extends Outcome, P = undefined>(spec: TxSpec<N, A, R, P>): Command<N, A, R>;
export function defineCommand<const N extends string, A extends z.ZodRawShape, R extends Outcome>(spec: RawSpec<N, A, R>): Command<N, A, R>;
export function defineCommand<A extends z.ZodRawShape>(spec: TxSpec<string, A, Outcome, unknown> | RawSpec<string, A, Outcome>): Command<string, A, Outcome> {
  let schema: z.ZodObject<A> | undefined;
  const build = () => {
    const object = z.object(spec.args);
    const { refine } = spec;
    return refine ? object.refine(refine.check, { message: refine.message, path: [refine.path] }) : object;
  };
  // The spec itself, not a copy: a copy reads every property now, and the one-shot bundle
  // builds `args` on its first read (scripts/one-shot-sources.mjs).
  return Object.assign(spec, { schema: () => (schema ??= build()) });
}

/** The data a command answers with, read from what its `run` returns. */
export type DataOfCommand<C> = C extends { run(...args: never[]): Promise<infer R> } ? (R extends Outcome<infer D> ? D : never) : never;

export interface Catalogue<C extends Command = Command> {
  commands: C[];
  find(name: string): C | undefined;
}

/** Looks a command up by catalogue name or slash form (or the name after a slash), case-insensitively. */
export function makeCatalogue<C extends Command>(commands: C[]): Catalogue<C> {
  const byName = new Map<string, C>();
  for (const c of commands) {
    byName.set(c.name.toLowerCase(), c);
    if (c.slash) byName.set(c.slash.toLowerCase(), c);
  }
  const find = (name: string) => {
    const key = name.toLowerCase();
    // `/task:activate` is the catalogue name in slash form, as the TUI accepts every command.
    return byName.get(key) ?? byName.get(`/${key}`) ?? (key.startsWith('/') ? byName.get(key.slice(1)) : undefined);
  };
  return { commands, find };
}
