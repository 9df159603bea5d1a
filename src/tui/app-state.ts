import type { Call } from '../commands/line.js';
import type { Envelope } from '../commands/types.js';

export interface EndedSummary {
  session_key: string;
  duration_seconds: number;
  tasks_completed: { code: string; seconds: number }[];
  updates: number;
  artifacts: number;
  interruptions: number;
  summary: string | null;
}

/** What takes the keyboard besides the prompt. */
export type Dialog =
  | { kind: 'check'; call: Call; failed: string[]; field: string | null }
  | { kind: 'summary'; call: Call; failed: string[]; field: string }
  | { kind: 'estimate'; task: string; duration: string; reason: string }
  | { kind: 'ended'; summary: EndedSummary }
  | { kind: 'help' }
  /** Mission control: every open session, one selected. */
  | { kind: 'sessions'; selected: number }
  /** What a read command answered, as the CLI would print it. */
  | { kind: 'output'; title: string; lines: string[] }
  /** What a command that previews itself would do (its dry run), before Enter runs it. */
  | { kind: 'preview'; call: Call; lines: string[] };

export interface AppState {
  dialog: Dialog | null;
  /** One line under the prompt, in the error colour. */
  error: string | null;
  /** One line saying what just happened, when the screen alone does not show it. */
  notice: string | null;
  /** The suggested commands of the last envelope, in slash form. */
  next: string[];
  /** Activity lines scrolled back from the newest. */
  scroll: number;
  /** Lines scrolled in the help or output panel. */
  panel: number;
  /** Esc was pressed: a digit next picks a suggested command. */
  escPending: boolean;
  busy: boolean;
  checking: RunningCheck | null;
}

/** A completion check the command being run has started. */
export interface RunningCheck {
  command: string;
  /** Epoch milliseconds, on the screen's own clock. */
  since: number;
}

export type AppAction =
  | { type: 'sent' }
  | { type: 'checking'; check: RunningCheck }
  | { type: 'result'; call: Call; envelope: Envelope; output?: string[] }
  | { type: 'crashed'; message: string }
  | { type: 'next'; commands: string[] }
  | { type: 'notice'; text: string | null }
  | { type: 'error'; text: string | null }
  | { type: 'dialog'; dialog: Dialog | null }
  | { type: 'scroll'; by: number; max: number }
  | { type: 'panel'; by: number; max: number }
  | { type: 'esc'; pending: boolean };

export const initialApp: AppState = { dialog: null, error: null, notice: null, next: [], scroll: 0, panel: 0, escPending: false, busy: false, checking: null };

/** The argument that carries a closing summary, for the commands a completion check guards. */
export const SUMMARY_FIELD: Record<string, string> = {
  done: 'summary',
  'task:deactivate': 'summary',
  'sprint:deactivate': 'retrospective',
  'session:end': 'summary',
};

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'sent':
      return { ...state, busy: true, error: null, notice: null };
    case 'checking':
      return { ...state, checking: action.check };
    case 'crashed':
      return { ...state, busy: false, checking: null, error: action.message };
    case 'result':
      return { ...state, busy: false, checking: null, scroll: 0, panel: 0, ...afterResult(action.call, action.envelope, action.output) };
    case 'next':
      return { ...state, next: action.commands };
    case 'notice':
      return { ...state, notice: action.text };
    case 'error':
      return { ...state, error: action.text };
    case 'dialog':
      return { ...state, dialog: action.dialog, panel: 0 };
    case 'scroll':
      return { ...state, scroll: Math.min(action.max, Math.max(0, state.scroll + action.by)) };
    case 'panel':
      return { ...state, panel: Math.min(action.max, Math.max(0, state.panel + action.by)) };
    case 'esc':
      return { ...state, escPending: action.pending };
  }
}

/** How the screen answers an envelope: an error line, a dialog, or what to do next. */
function afterResult(call: Call, envelope: Envelope, output: string[] | undefined): Partial<AppState> {
  // A pure read answers without instructions: what to do next has not changed.
  const suggested = envelope.instructions?.suggested_commands;
  const next = suggested ? { next: suggested } : {};
  const data = envelope.data as Record<string, unknown>;
  if (!envelope.success) {
    const field = SUMMARY_FIELD[call.name];
    if (envelope.error?.code === 'VALIDATION_FAILED' && field !== undefined && call.args.force !== true) {
      const failed = envelope.instructions?.validation_errors ?? [envelope.error.message];
      // "Add a summary now" only where a missing summary is what failed: it would fix nothing else.
      const missing = ((data.failed_checks as string[] | undefined) ?? []).includes('summary');
      return { ...next, error: null, dialog: { kind: 'check', call, failed, field: missing ? field : null } };
    }
    return { ...next, error: envelope.error?.message ?? 'The command failed.', dialog: null };
  }
  const suggestion = data.estimate_suggestion as { task: string; duration: string; reason: string } | null | undefined;
  // The question comes with what just happened (the task closed, its check passed), not instead of it.
  if (suggestion) return { ...next, error: null, dialog: { kind: 'estimate', ...suggestion }, notice: noticeOf(call, envelope) };
  if (call.name === 'session:end' && data.summary) {
    return { ...next, error: null, dialog: { kind: 'ended', summary: { session_key: envelope.session_key ?? '', ...(data.summary as Omit<EndedSummary, 'session_key'>) } } };
  }
  // `/init` without an agent asks: the clients found become the commands Alt+1..3 picks.
  const found = call.name === 'init' && Array.isArray(data.detected) ? { next: initChoices(data.detected as string[]) } : {};
  if (output?.length) return { ...next, ...found, error: null, dialog: { kind: 'output', title: call.name, lines: output } };
  return { ...next, error: null, dialog: null, notice: noticeOf(call, envelope) };
}

/** A word on what happened, for commands whose effect is not already on screen. */
function noticeOf(call: Call, envelope: Envelope): string | null {
  const data = envelope.data as Record<string, any>;
  if (call.name === 'session:start') return data.resumed ? `Resumed ${envelope.session_key}.` : `Started ${envelope.session_key}.`;
  if (data.completed === true && data.task) return `${data.task.code} completed${data.task.incomplete ? ' (marked incomplete)' : ''}${checkWord(data.task.evidence)}.`;
  const actions = envelope.instructions?.next_actions ?? [];
  return actions[0] ?? null;
}

/** The completion check that just ran, in a few words: `npm test` passed in 12s. */
function checkWord(evidence: { command: string; exit_code: number | null; seconds: number }[] | undefined): string {
  const last = evidence?.at(-1);
  if (!last) return '';
  return ` · \`${last.command}\` ${last.exit_code === 0 ? 'passed' : last.exit_code === null ? 'did not finish' : `exited ${last.exit_code}`} in ${Math.round(last.seconds)}s`;
}

/** The `/init` lines to choose from: each client found, else the usual ones. */
function initChoices(detected: string[]): string[] {
  return (detected.length ? detected : ['claude', 'all']).map((agent) => `/init --agent ${agent}`);
}
