import { clockWarning } from '../core/clock.js';
import { buildInstructions, type InstructionHints, type Invocation } from '../core/instructions.js';
import { closest, didYouMean } from '../domain/codes.js';
import { FragmentsError, meaningOf } from '../domain/errors.js';
import type { Session } from '../domain/session.js';
import type { Tx } from '../store/store.js';
import { argsError, checkArgumentNames } from './arguments.js';
import { staysOut } from './fields.js';
import type { Catalogue, Command, Ctx, DataOfCommand, Envelope, NoData, Outcome } from './define.js';
import { envelopeOf, failure } from './envelope.js';
import { renderInvocation } from './invocation.js';
import { planForAdvice } from './plan-scope.js';
import { logActivity } from './record.js';
import { answered, remember, replayed, requestOf } from './replay.js';
import { currentSession } from './session-scope.js';

/** What `execute` answers for `name`: that command's data when the name is known here, any command's otherwise; or none. */
export type AnswerData<C extends Command, N extends string> = ([Extract<C, { name: N }>] extends [never] ? DataOfCommand<C> : DataOfCommand<Extract<C, { name: N }>>) | NoData;

/** Runs one command from any face: check the arguments, run it in a transaction, answer with the envelope. */
export function execute<C extends Command, const N extends string>(catalogue: Catalogue<C>, ctx: Ctx, name: N, input: Record<string, unknown>): Promise<Envelope<AnswerData<C, N>>> {
  // Each command answers with the data its own `run` returns: the catalogue's type says which.
  return answer(catalogue as Catalogue, ctx, name, input) as Promise<Envelope<AnswerData<C, N>>>;
}

async function answer(catalogue: Catalogue, ctx: Ctx, name: string, input: Record<string, unknown>): Promise<Envelope> {
  const command = catalogue.find(name);
  const render = (i: Invocation) => renderInvocation(ctx.face, i, catalogue.find);
  if (!command) {
    const near = closest(name.replace(/^\//, ''), catalogue.commands.map((c) => c.name));
    // On the screen, help is a key away: point there, not at the shell.
    const help = ctx.face === 'tui' ? '/help' : '`fragments help`';
    const error = new FragmentsError('UNKNOWN_COMMAND', `Unknown command "${name}".${didYouMean(near)} See ${help}.`, { suggestions: near });
    return failed(ctx, name, error, render);
  }
  const run: Ctx = { ...ctx, command: command.name, catalogue };
  try {
    checkArgumentNames(command, input, ctx.face);
    // Nothing given, and nothing to default or to check between arguments: the arguments are {}, as zod would
    // say, without building the command's object schema (most of a one-shot `session:status`'s zod work).
    const nothing = Object.keys(input).length === 0 && !command.refine && Object.values(command.args).every(staysOut);
    // jitless: zod would compile a parser for the object (new Function) that pays off over many parses, not this one.
    const parsed = nothing ? ({ success: true, data: {} } as const) : command.schema().safeParse(input, { jitless: true });
    if (!parsed.success) throw argsError(command, parsed.error, input, ctx.face);
    const args = parsed.data as Record<string, unknown>;
    if (command.tx === 'none') return envelopeOf(command.name, null, await command.run(run, args));
    const write = command.tx === 'write';
    // A preview of a change (a dry run) goes through every step of it and writes nothing.
    const previewing = write && command.preview !== undefined && args[command.preview] === true;
    const prepared = command.prepare && !(write && (await answered(ctx))) ? await command.prepare(run, args) : undefined;
    const body = async (tx: Tx) => {
      const request = write ? requestOf(run, command.name, args) : null;
      const first = request && (await replayed(tx, request));
      if (first) return first;
      const clock = clockWarning(await tx.sessions(), run.now());
      const outcome = await command.run(tx, args, run, prepared);
      const taken = command.takesUp ? ((outcome.data as { session_key?: string }).session_key ?? undefined) : undefined;
      const session = await currentSession(tx, taken ? { ...run, sessionKey: taken } : run).catch(() => null);
      if (write && !previewing && command.records === undefined) await recordCommand(tx, run, session, command, args, outcome);
      const envelope = envelopeOf(command.name, session?.key ?? null, outcome);
      if (!outcome.quiet || !envelope.success || clock) {
        const [{ plan, next }, sessions, config] = await Promise.all([planForAdvice(tx, session), tx.sessions(), tx.config()]);
        const hints = clock ? { ...outcome.hints, validation_warnings: [clock, ...(outcome.hints?.validation_warnings ?? [])] } : (outcome.hints ?? {});
        envelope.instructions = buildInstructions({ plan, next, sessions, config, session, now: run.now() }, hints, render);
      }
      // A task another session completed is told once, by the first command that goes through.
      if (write && session?.closed_elsewhere && envelope.success) session.closed_elsewhere = null;
      if (request) await remember(tx, request, envelope);
      return envelope;
    };
    if (!write) return await ctx.store.read(body);
    return await (previewing ? ctx.store.simulate(body) : ctx.store.transact(body));
  } catch (e) {
    if (!(e instanceof FragmentsError)) throw e;
    return failed(ctx, command.name, e, render);
  }
}

/**
 * The activity the runner records for a write whose run records none of its
 * own (`task:create`, `import`): the command, with the words it was given
 * (`import plan.md`), so the feed and history say what was done. Only in an
 * open session: a command outside one is no event of any.
 */
async function recordCommand(tx: Tx, ctx: Ctx, session: Session | null, command: Command, args: Record<string, unknown>, outcome: Outcome): Promise<void> {
  if (!session || session.status === 'completed') return;
  const given = (command.positional ?? []).map((name) => args[name]).filter((v): v is string => typeof v === 'string');
  await logActivity(tx, ctx, session, { kind: 'command', ...(given.length ? { text: given.join(' ') } : {}), ...outcome.about, data: { args } });
}

/** A failure still names the session it happened in and says what to do; when the home cannot be read, the message alone does. */
async function failed(ctx: Ctx, command: string, e: FragmentsError, render: (i: Invocation) => string): Promise<Envelope<NoData>> {
  const envelope = failure(command, ctx.sessionKey ?? null, e);
  if (meaningOf(e.code).homeUnusable) return envelope;
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
      const [{ plan, next }, sessions, config] = await Promise.all([planForAdvice(tx, session), tx.sessions(), tx.config()]);
      envelope.session_key = session?.key ?? envelope.session_key;
      envelope.instructions = buildInstructions({ plan, next, sessions, config, session, now: ctx.now() }, hints, render);
    });
  } catch {
    // The message already says what went wrong; instructions are a bonus here.
  }
  return envelope;
}
