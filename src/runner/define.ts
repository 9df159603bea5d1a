import type { z } from 'zod';
import type { Instructions, InstructionHints } from '../core/instructions.js';
import type { Source } from '../domain/session.js';
import type { Store, Tx } from '../store/store.js';

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

export interface Envelope {
  schema_version: 1;
  success: boolean;
  command: string;
  session_key: string | null;
  data: Record<string, unknown>;
  error?: { code: string; message: string; details?: Record<string, unknown> };
  instructions?: Instructions;
}

/** What a handler hands back; the runner turns it into the envelope. */
export interface Outcome {
  data: Record<string, unknown>;
  /** A check that failed still commits what it recorded, and answers success: false. */
  failure?: { code: string; message: string };
  hints?: InstructionHints;
  /** Pure reads may leave instructions out. */
  quiet?: boolean;
  /** A write that is no event of the session (a heartbeat): the runner records no activity for it. */
  unrecorded?: boolean;
  /**
   * What the command acted on, for the activity the runner records when the
   * handler recorded none; without it the activity is tagged with the active
   * task and sprint.
   */
  about?: { task?: string | null; sprint?: string | null };
}

interface Base<S extends z.ZodObject> {
  name: string;
  /** The TUI's form, e.g. `/task-start`; also accepted by the CLI. */
  slash?: string;
  summary: string;
  /**
   * The arguments' schema, built on first call: a one-shot command builds
   * only its own, where building every command's schema cost each start ~3 ms.
   */
  args: () => S;
  /** Argument names filled from bare words, in order. */
  positional?: (keyof z.infer<S> & string)[];
  /** The argument that takes the rest of the line as free text. */
  rest?: keyof z.infer<S> & string;
  /**
   * A flag that makes the command say what it would do and change nothing
   * (`import`'s dry_run): the TUI runs it so first, shows that, and asks.
   */
  preview?: keyof z.infer<S> & string;
  /** On the CLI, this argument given as `-` reads standard input into that one (`import -`). */
  stdin?: { from: keyof z.infer<S> & string; into: keyof z.infer<S> & string };
  /** Command and argument words written out for help, e.g. `fragments done "Migration applied"`. */
  example?: string;
  /**
   * The session it answers with (`session_key`) becomes the caller's own:
   * the runner advises on that one, and a face that keeps a session (the
   * screen, an MCP connection) moves to it.
   */
  takesUp?: true;
}

/** Most commands work inside one store transaction: `write` takes the lock, `read` does not. */
export interface TxCommand<S extends z.ZodObject, P = unknown> extends Base<S> {
  tx: 'write' | 'read';
  /**
   * Work that must not hold the home's lock (a completion check may run for
   * minutes): done before the transaction, its result handed to `run`. A
   * retried request (same request id) skips it and gets its first answer.
   */
  prepare?(ctx: Ctx, args: z.infer<S>): Promise<P>;
  run(tx: Tx, args: z.infer<S>, ctx: Ctx, prepared: P | undefined): Promise<Outcome>;
}

/** Commands that must see the home raw (doctor reads damaged files). */
export interface RawCommand<S extends z.ZodObject> extends Base<S> {
  tx: 'none';
  run(ctx: Ctx, args: z.infer<S>): Promise<Outcome>;
}

export type Command<S extends z.ZodObject = z.ZodObject> = TxCommand<S> | RawCommand<S>;

export function defineCommand<S extends z.ZodObject, P = unknown>(command: TxCommand<S, P> | RawCommand<S>): Command {
  let schema: S | undefined;
  return { ...command, args: () => (schema ??= command.args()) } as unknown as Command;
}
