import type { Board } from '../core/board.js';
import { isEnded } from '../core/session.js';
import type { Catalogue } from '../runner/define.js';
import { execute } from '../runner/execute.js';
import type { Ctx } from '../runner/define.js';
import { formatSeconds } from '../domain/duration.js';
import { raised } from '../domain/errors.js';
import type { LiveBoard } from './live-board.js';

/**
 * What opening the screen does, and what it says about it. The screen owns
 * one session from then on: `--session KEY` pins it; else the developer's own
 * open session (the home's current one when it is theirs, else their latest;
 * see `isDevelopers`); else a new one, with the others open named. An
 * agent's session is never taken up, paused or not. A session of its own
 * found dormant (its screen died, or silent past the staleness nudge) is
 * taken up first, its silence an interruption; a paused one stays paused.
 * A `tour` (the demo) opens on the home's current session, whoever's it is.
 */
export async function openSession(catalogue: Catalogue, ctx: Ctx, live: LiveBoard, tour = false): Promise<string | null> {
  await live.refresh();
  const { envelope, error } = live.getSnapshot();
  // Opening the screen on a home that is not there yet starts one, as session:start would.
  if (!envelope && error?.code === 'NO_HOME') return start(catalogue, ctx, live, `in a new home at ${ctx.store.home}`, null);
  // A home that cannot be read (a damaged file, an unknown --session) is said as any command says it, before the screen opens.
  if (!envelope) throw raised(error ?? undefined, 'The home could not be read.');
  const first = envelope.data as Board;
  const own = ctx.sessionKey ?? (tour ? first.session_key : first.yours);
  if (!own) return start(catalogue, ctx, live, 'no session of yours was open', first);
  await live.own(own);
  const board = live.getSnapshot().envelope?.data as Board | undefined;
  const session = board?.session;
  if (!session) return null;
  if (session.status === 'paused') return `${session.key} is paused, so no time is counted: /session-resume goes on.`;
  if (isEnded(session)) return `${session.key} is ${session.status}: /session-start begins a new session.`;
  if (board.dormant) {
    const resumed = await execute(catalogue, { ...ctx, sessionKey: own }, 'session:resume', {});
    if (!resumed.success) throw raised(resumed.error);
    await live.refresh();
    return `${session.key} had been silent for ${formatSeconds(board.silent_seconds)}: its time stopped when it was last heard from, and the gap is an interruption.`;
  }
  return null;
}

async function start(catalogue: Catalogue, ctx: Ctx, live: LiveBoard, why: string, board: Board | null): Promise<string> {
  const started = await execute(catalogue, { ...ctx, sessionKey: undefined }, 'session:start', { new: true });
  if (!started.success) throw raised(started.error);
  await live.own(started.session_key);
  const others = (board?.open_sessions ?? []).map((s) => `${s.key} (${[s.agent ?? s.source, s.status === 'paused' ? `paused${s.pause_reason ? `: ${s.pause_reason}` : ''}` : null].filter(Boolean).join(', ')})`);
  const also = others.length ? ` Open too: ${others.join('; ')}; /sessions shows them.` : '';
  return `Started ${started.session_key}: ${why}.${also}`;
}
