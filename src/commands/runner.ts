import { clockWarning } from '../core/clock.js';
import { buildInstructions, type InstructionHints, type Invocation } from '../core/instructions.js';
import { closest } from '../domain/codes.js';
import { FragmentsError } from '../domain/errors.js';
import { requestFingerprint, type RequestEntry } from '../domain/requests.js';
import type { Tx } from '../store/store.js';
import { logActivity } from './activity.js';
import { planForAdvice } from './plan-scope.js';
import { argsError, checkArgumentNames } from './parse.js';
import { renderInvocation } from './render.js';
import { currentSession } from './session-scope.js';
import type { Command, Ctx, Envelope, Outcome } from './types.js';

export interface Catalogue {
  commands: Command[];
  find(name: string): Command | undefined;
}

/** Looks a command up by catalogue name or slash form (or the name after a slash), case-insensitively. */
export function makeCatalogue(commands: Command[]): Catalogue {
  const byName = new Map<string, Command>();
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

/** The codes that mean the command was used wrongly (exit 2) rather than failed (exit 1). */
const USAGE_CODES = new Set(['USAGE', 'UNKNOWN_COMMAND', 'BAD_DURATION', 'BAD_PLAN', 'FILE_UNREADABLE', 'NO_PLAN_FOUND', 'REQUEST_ID_REUSED']);

/** 0 success, 1 the command failed, 2 it was used wrongly. */
export function exitCode(envelope: Envelope): 0 | 1 | 2 {
  if (envelope.success) return 0;
  return USAGE_CODES.has(envelope.error?.code ?? '') ? 2 : 1;
}

/** Runs one command from any face: check the arguments, run it in a transaction, answer with the envelope. */
export async function execute(catalogue: Catalogue, ctx: Ctx, name: string, input: Record<string, unknown>): Promise<Envelope> {
  const command = catalogue.find(name);
  const render = (i: Invocation) => renderInvocation(ctx.face, i, catalogue.find);
  if (!command) {
    const near = closest(name.replace(/^\//, ''), catalogue.commands.map((c) => c.name));
    const hint = near.length ? ` Did you mean ${near.join(', ')}?` : '';
    // On the screen, help is a key away: point there, not at the shell.
    const help = ctx.face === 'tui' ? '/help' : '`fragments help`';
    const error = new FragmentsError('UNKNOWN_COMMAND', `Unknown command "${name}".${hint} See ${help}.`, { suggestions: near });
    return failed(ctx, name, error, render);
  }
  const run = { ...ctx, command: command.name };
  try {
    checkArgumentNames(command, input, ctx.face);
    const parsed = command.args().safeParse(input);
    if (!parsed.success) throw argsError(command, parsed.error, input, ctx.face);
    if (command.tx === 'none') return envelopeOf(command.name, null, await command.run(run, parsed.data));
    const prepared = command.prepare && !(await answered(ctx, command.tx)) ? await command.prepare(run, parsed.data) : undefined;
    const body = async (tx: Tx) => {
      const request: Request | null =
        command.tx === 'write' && run.requestId
          ? { id: run.requestId, command: command.name, fingerprint: requestFingerprint(command.name, run.sessionKey ?? null, parsed.data), at: run.now().toISOString() }
          : null;
      const seen = request && (await tx.requestAnswer(request.id));
      if (request && seen) return replay(seen, request);
      const clock = clockWarning(await tx.sessions(), run.now());
      // Counted by key: a command that takes another session up is judged by that session's count.
      const before = new Map((await tx.sessions()).sessions.map((s) => [s.key, s.activity_count]));
      const outcome = await command.run(tx, parsed.data, run, prepared);
      const taken = command.takesUp ? (outcome.data.session_key as string | undefined) : undefined;
      const session = await currentSession(tx, taken ? { ...run, sessionKey: taken } : run).catch(() => null);
      if (command.tx === 'write' && !outcome.unrecorded && session && session.activity_count === before.get(session.key) && session.status !== 'completed') {
        // The words it was given (`import plan.md`), so the feed and history say what was done.
        const given = (command.positional ?? []).map((name) => (parsed.data as Record<string, unknown>)[name]).filter((v): v is string => typeof v === 'string');
        await logActivity(tx, run, session, { kind: 'command', ...(given.length ? { text: given.join(' ') } : {}), ...outcome.about, data: { args: parsed.data } });
      }
      const envelope = envelopeOf(command.name, session?.key ?? null, outcome);
      if (!outcome.quiet || !envelope.success || clock) {
        const [plan, sessions, config] = await Promise.all([planForAdvice(tx, session), tx.sessions(), tx.config()]);
        const hints = clock ? { ...outcome.hints, validation_warnings: [clock, ...(outcome.hints?.validation_warnings ?? [])] } : (outcome.hints ?? {});
        envelope.instructions = buildInstructions({ plan, sessions, config, session, now: run.now() }, hints, render);
      }
      // A task another session completed is told once, by the first command that goes through.
      if (command.tx === 'write' && session?.closed_elsewhere && envelope.success) session.closed_elsewhere = null;
      if (request) await tx.remember({ ...request, envelope: envelope as unknown as Record<string, unknown> });
      return envelope;
    };
    if (command.tx === 'read') return await ctx.store.read(body);
    // A dry run of a change goes through every step of it and writes nothing.
    return await ((parsed.data as { dry_run?: unknown }).dry_run === true ? ctx.store.simulate(body) : ctx.store.transact(body));
  } catch (e) {
    if (!(e instanceof FragmentsError)) throw e;
    return failed(ctx, command.name, e, render);
  }
}

/** A failure still names the session it happened in and says what to do; when the home cannot be read, the message alone does. */
async function failed(ctx: Ctx, command: string, e: FragmentsError, render: (i: Invocation) => string): Promise<Envelope> {
  const envelope = failure(command, ctx.sessionKey ?? null, e);
  if (e.code === 'DAMAGED_FILE' || e.code === 'HOME_LOCKED' || e.code === 'LOCK_LOST' || e.code === 'HOME_NOT_A_FOLDER') return envelope;
  const hints: InstructionHints = { next_actions: [e.message] };
  const suggestions = (e.details.suggestions as string[] | undefined) ?? [];
  if (e.code === 'NOT_FOUND' && suggestions.length) {
    const show = e.details.kind === 'sprint' ? 'sprint:show' : e.details.kind === 'session' ? 'session:status' : 'task:show';
    const arg = e.details.kind === 'session' ? 'key' : 'code';
    hints.suggest = suggestions.map((code) => ({ command: show, args: { [arg]: code } }));
  }
  if (e.code === 'UNKNOWN_COMMAND') hints.suggest = suggestions.map((c) => ({ command: 'help', args: { command: c } }));
  try {
    await ctx.store.read(async (tx) => {
      const session = await currentSession(tx, ctx).catch(() => null);
      const [plan, sessions, config] = await Promise.all([planForAdvice(tx, session), tx.sessions(), tx.config()]);
      envelope.session_key = session?.key ?? envelope.session_key;
      envelope.instructions = buildInstructions({ plan, sessions, config, session, now: ctx.now() }, hints, render);
    });
  } catch {
    // The message already says what went wrong; instructions are a bonus here.
  }
  return envelope;
}

/** Whether this request id has an answer already: a retry is answered from it, without its slow pre-step again. */
async function answered(ctx: Ctx, tx: Command['tx']): Promise<boolean> {
  const id = ctx.requestId;
  if (tx !== 'write' || !id) return false;
  return ctx.store.read(async (t) => (await t.requestAnswer(id)) !== null).catch(() => false);
}

function envelopeOf(command: string, sessionKey: string | null, outcome: Outcome): Envelope {
  return {
    schema_version: 1,
    success: !outcome.failure,
    command,
    session_key: (outcome.data.session_key as string | undefined) ?? sessionKey,
    data: outcome.data,
    ...(outcome.failure ? { error: outcome.failure } : {}),
  };
}

/** The envelope of a command that failed before or while it ran. */
export function failure(command: string, sessionKey: string | null, e: FragmentsError): Envelope {
  return {
    schema_version: 1,
    success: false,
    command,
    session_key: sessionKey,
    data: {},
    error: { code: e.code, message: e.message, ...(Object.keys(e.details).length ? { details: e.details } : {}) },
  };
}

type Request = Omit<RequestEntry, 'envelope'>;

/**
 * A request id seen before: the same request gets its first answer back,
 * marked as a replay; anything else under that id is refused, so a reused id
 * never swallows a new command or new text.
 */
function replay(seen: RequestEntry, request: Request): Envelope {
  const { id, command } = request;
  if (seen.command !== command) {
    throw new FragmentsError('REQUEST_ID_REUSED', `Request id ${id} was already used for ${seen.command}; use a new id for ${command}.`);
  }
  if (seen.fingerprint !== undefined && seen.fingerprint !== request.fingerprint) {
    throw new FragmentsError('REQUEST_ID_REUSED', `Request id ${id} was already used for ${command} with other arguments; nothing was recorded. Use a new id for a new request.`);
  }
  const first = seen.envelope as unknown as Envelope;
  return { ...first, data: { ...first.data, replayed: true, replayed_at: seen.at } };
}
