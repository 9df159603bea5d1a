import type { Call } from '../syntax/line.js';
import type { TaskBoardState } from './task-board-state.js';
import type { Answer, CommandData, DataOf } from '../commands/catalogue.js';

/** What an ended session did, as session:end answers it. */
export type EndedSummary = DataOf<'session:end'>['summary'] & { session_key: string };

/** What takes the keyboard besides the prompt. */
export type Dialog =
  /** `tail`: the end of a failed completion check's output, what the developer needs to decide. */
  | { kind: 'check'; call: Call; failed: string[]; field: string | null; tail: string[] }
  /** The summary the check asked for, typed in a line of its own: the command prompt keeps what was typed there. */
  | { kind: 'summary'; call: Call; failed: string[]; field: string; tail: string[] }
  | { kind: 'estimate'; task: string; duration: string; reason: string }
  | { kind: 'ended'; summary: EndedSummary }
  | { kind: 'help' }
  /** Mission control: every open session, one selected. */
  | { kind: 'sessions'; selected: number }
  /** What a read command answered, as the CLI would print it. */
  | { kind: 'output'; title: string; lines: string[] }
  /** What a command that previews itself would do (its dry run), before Enter runs it. */
  | { kind: 'preview'; call: Call; line: string; lines: string[] }
  /** The plan to move through, filter, and start a task from. */
  | { kind: 'tasks'; board: TaskBoardState }
  /** The activity feed has the keys: line `at` (an index into the feed, oldest first) is chosen. */
  | { kind: 'feed'; at: number }
  /** One feed line whole; Esc goes back to the feed at `at`. */
  | { kind: 'detail'; at: number; title: string; lines: string[] };

/** Dialogs that ask a question: lines typed ahead wait until it is answered. */
export const ASKING = new Set<Dialog['kind']>(['check', 'summary', 'estimate', 'ended', 'preview']);

/** A line sent from the prompt, or a call a dialog's answer makes. */
export interface Queued {
  line: string;
  call?: Call;
}

export interface AppState {
  dialog: Dialog | null;
  /** One line under the prompt, in the error colour. */
  error: string | null;
  /** One line saying what just happened, when the screen alone does not show it. */
  notice: string | null;
  /** The suggested commands of the last envelope, in slash form. */
  next: string[];
  /** The session, sprint and task the advice (`next`, `notice`) was given for: a change made elsewhere makes it stale. */
  adviceFor: string | null;
  /** Activity lines scrolled back from the newest. */
  scroll: number;
  /** Lines scrolled in the help or output panel. */
  panel: number;
  /** When Esc was pressed on an empty prompt: a digit soon after picks a suggested command. */
  escAt: number | null;
  /** Lines sent and not run yet, oldest first: what was typed while a command ran (type-ahead). */
  queue: Queued[];
  /** The line being run, since when (epoch milliseconds, on the screen's own clock). */
  running: { line: string; since: number } | null;
  checking: RunningCheck | null;
}

/** A completion check the command being run has started. */
export interface RunningCheck {
  command: string;
  /** Epoch milliseconds, on the screen's own clock. */
  since: number;
}

export type AppAction =
  | { type: 'enqueue'; item: Queued; first?: boolean }
  | { type: 'start'; since: number }
  | { type: 'idle' }
  | { type: 'checking'; check: RunningCheck }
  /** `line` is what was sent; `putBack` says it went back into the prompt. */
  /** `closes`: the command's closing field (`summary`), which the check dialog may ask for. */
  | { type: 'result'; call: Call; closes?: string; envelope: Answer; output?: string[]; line: string; putBack: boolean }
  | { type: 'failed'; message: string; line: string; putBack: boolean }
  | { type: 'next'; commands: string[] }
  | { type: 'advice'; commands: string[]; adviceFor: string | null; notice: string | null }
  | { type: 'notice'; text: string | null }
  | { type: 'error'; text: string | null }
  | { type: 'dialog'; dialog: Dialog | null }
  | { type: 'scroll'; by: number; max: number }
  | { type: 'panel'; by: number; max: number }
  | { type: 'esc'; at: number | null }
  /** More of the detail view's lines, arrived after it opened (a check's output); ignored once it shows another line. */
  | { type: 'detail'; at: number; lines: string[] };

export const initialApp: AppState = {
  dialog: null,
  error: null,
  notice: null,
  next: [],
  adviceFor: null,
  scroll: 0,
  panel: 0,
  escAt: null,
  queue: [],
  running: null,
  checking: null,
};

/** What advice is about: the session, sprint and task an envelope's instructions were given for. */
export function adviceOf(envelope: Answer | null | undefined): string | null {
  const at = envelope?.instructions?.context_reminder;
  return at ? `${at.session}|${at.sprint}|${at.task}` : null;
}

/** A failure that opens the completion-check dialog rather than an error line: a refused close, not forced. `closes` is the command's closing field. */
export function opensCheck(closes: string | undefined, call: Call, envelope: Answer): boolean {
  return !envelope.success && envelope.error?.code === 'VALIDATION_FAILED' && closes !== undefined && call.args.force !== true;
}

/** The error line of a failed line: when the line did not go back into the prompt (something else was typed there), which line, and where it went. */
function failedLine(message: string, line: string, putBack: boolean): string {
  return putBack ? message : `“${line.length > 30 ? `${line.slice(0, 29)}…` : line}” failed (↑ brings it back): ${message}`;
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'enqueue':
      return { ...state, queue: action.first ? [action.item, ...state.queue] : [...state.queue, action.item] };
    case 'start': {
      const [item, ...queue] = state.queue;
      if (!item) return state;
      return { ...state, queue, running: { line: item.line, since: action.since }, error: null, notice: null, escAt: null };
    }
    case 'idle':
      return { ...state, running: null, checking: null };
    case 'checking':
      return { ...state, checking: action.check };
    case 'failed':
      return { ...state, checking: null, error: failedLine(action.message, action.line, action.putBack) };
    case 'result': {
      const after = afterResult(action.call, action.closes, action.envelope, action.output);
      const error = after.error ? failedLine(after.error, action.line, action.putBack) : null;
      const advice = action.envelope.instructions ? { adviceFor: adviceOf(action.envelope) } : {};
      return { ...state, checking: null, scroll: 0, panel: 0, ...after, ...advice, error };
    }
    // Advice an agent's write repeats (the same commands, the same notice) changes nothing: no frame is drawn for it.
    case 'next':
      return sameLines(state.next, action.commands) ? state : { ...state, next: action.commands };
    case 'advice':
      return sameLines(state.next, action.commands) && state.adviceFor === action.adviceFor && state.notice === action.notice ? state : { ...state, next: action.commands, adviceFor: action.adviceFor, notice: action.notice };
    case 'notice':
      return state.notice === action.text ? state : { ...state, notice: action.text };
    case 'error':
      return { ...state, error: action.text };
    case 'dialog':
      return { ...state, dialog: action.dialog, panel: 0 };
    case 'scroll':
      return { ...state, scroll: Math.min(action.max, Math.max(0, state.scroll + action.by)) };
    case 'panel':
      return { ...state, panel: Math.min(action.max, Math.max(0, state.panel + action.by)) };
    case 'esc':
      return { ...state, escAt: action.at };
    case 'detail':
      return state.dialog?.kind === 'detail' && state.dialog.at === action.at ? { ...state, dialog: { ...state.dialog, lines: action.lines } } : state;
  }
}

const sameLines = (a: string[], b: string[]) => a.length === b.length && a.every((line, i) => line === b[i]);

/** How many lines of a failed check's output the dialog shows at most; the rest is in the task's evidence. */
const TAIL_LINES = 8;

type Refused = Extract<CommandData, { ui: 'refused' }>;

/** The end of the output of the failed completion check a refusal carries, if any. */
function failedTail(data: Refused): string[] {
  const tasks = 'task' in data ? [data.task] : 'tasks' in data ? data.tasks : [];
  const last = tasks.map((t) => t.evidence.at(-1)).find((e) => e && e.exit_code !== 0 && e.output_tail);
  return last ? last.output_tail.replace(/\n+$/, '').split('\n').slice(-TAIL_LINES) : [];
}

/** How the screen answers an envelope: an error line, a dialog, or what to do next. */
function afterResult(call: Call, closes: string | undefined, envelope: Answer, output: string[] | undefined): Partial<AppState> {
  // A pure read answers without instructions: what to do next has not changed.
  const suggested = envelope.instructions?.suggested_commands;
  const next = suggested ? { next: suggested } : {};
  const data = envelope.data;
  const notice = envelope.instructions?.next_actions[0] ?? null;
  if (!envelope.success) {
    if (data.ui === 'refused' && opensCheck(closes, call, envelope)) {
      const failed = envelope.instructions?.validation_errors ?? [envelope.error!.message];
      // "Add a summary now" only where a missing summary is what failed: it would fix nothing else.
      const missing = data.failed_checks.includes('summary');
      return { ...next, error: null, dialog: { kind: 'check', call, failed, field: missing ? closes! : null, tail: failedTail(data) } };
    }
    return { ...next, error: envelope.error?.message ?? 'The command failed.', dialog: null };
  }
  const shown = output?.length ? { dialog: { kind: 'output' as const, title: call.name, lines: output } } : { dialog: null, notice };
  switch (data.ui) {
    case 'task-completed': {
      const completed = `${data.task.code} completed${data.task.incomplete ? ' (marked incomplete)' : ''}${checkWord(data.task.evidence)}.`;
      // The question comes with what just happened (the task closed, its check passed), not instead of it.
      const suggestion = data.estimate_suggestion;
      return { ...next, error: null, dialog: suggestion ? { kind: 'estimate', ...suggestion } : null, notice: completed };
    }
    case 'session-summary':
      return { ...next, error: null, dialog: { kind: 'ended', summary: { session_key: envelope.session_key ?? '', ...data.summary } } };
    case 'session-started':
      return { ...next, error: null, dialog: null, notice: data.resumed ? `Resumed ${envelope.session_key}.` : `Started ${envelope.session_key}.` };
    case 'init':
      // `/init` without an agent asks: the clients found become the commands Alt+1..3 picks.
      return { ...next, ...(data.detected && shown.dialog ? { next: initChoices(data.detected) } : {}), error: null, ...shown };
    case undefined:
    case 'commands':
    case 'topic':
    case 'usage':
    case 'session':
    case 'sessions':
    case 'heartbeat':
    case 'activities':
    case 'context':
    case 'sprint':
    case 'sprints':
    case 'task':
    case 'tasks':
    case 'task-board':
    case 'recorded':
    case 'logged':
    case 'refused':
    case 'import':
    case 'document':
    case 'report':
    case 'forecast':
    case 'doctor':
    case 'store':
    case 'board':
    case 'codes':
      return { ...next, error: null, ...shown };
    default: {
      const unshown: never = data;
      return unshown;
    }
  }
}

/** The completion check that just ran, in a few words: `npm test` passed in 12s. */
function checkWord(evidence: { command: string; exit_code: number | null; seconds: number }[]): string {
  const last = evidence.at(-1);
  if (!last) return '';
  return ` · \`${last.command}\` ${last.exit_code === 0 ? 'passed' : last.exit_code === null ? 'did not finish' : `exited ${last.exit_code}`} in ${Math.floor(last.seconds)}s`;
}

/** The `/init` lines to choose from: each client found, else the usual ones. */
function initChoices(detected: string[]): string[] {
  return (detected.length ? detected : ['claude', 'all']).map((agent) => `/init --agent ${agent}`);
}
