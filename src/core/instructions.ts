import { sameCode } from '../domain/codes.js';
import { estimateSeconds, formatEstimate, formatSeconds } from '../domain/duration.js';
import type { Config } from '../domain/config.js';
import type { PlanFile, Task } from '../domain/plan.js';
import type { Session, SessionsFile } from '../domain/session.js';
import { activeSprintCode, activeTaskCode } from './context.js';
import { nextTask, type NextChoice } from './next-task.js';
import { closedElsewhereNotice } from './session.js';
import { sprintProgress } from './plan.js';
import { secondsBetween, taskSeconds } from './timer.js';

/** A command to suggest, by catalogue name; each face writes it in its own syntax. */
export interface Invocation {
  command: string;
  args?: Record<string, string | boolean | undefined>;
}

export interface Suggestion {
  type: 'resume_task' | 'next_task' | 'sprint_progress' | 'update_estimate' | 'stale_task' | 'shared_task';
  task?: string;
  sprint?: string;
  reason: string;
}

/** What a handler knows that the state alone does not say. */
export interface InstructionHints {
  next_actions?: string[];
  suggest?: Invocation[];
  /** Offered after what the state suggests: optional fixes (a new estimate) must not come before the next step. */
  suggestLater?: Invocation[];
  validation_errors?: string[];
  validation_warnings?: string[];
  required_actions?: { say: string; run?: Invocation }[];
  suggestions?: Suggestion[];
}

export interface Instructions {
  next_actions: string[];
  suggested_commands: string[];
  context_reminder: {
    session: string | null;
    sprint: string | null;
    task: string | null;
    time_elapsed: string | null;
    estimate: string | null;
  };
  progress: {
    context_updates: number;
    time_elapsed: string | null;
    estimated_remaining: string | null;
    sprint: string | null;
  };
  validation_errors: string[];
  validation_warnings: string[];
  required_actions: string[];
  suggestions: Suggestion[];
}

export interface InstructionState {
  plan: PlanFile;
  /** The next-task choice for the session's sprint on this plan, when the caller made it already. */
  next?: NextChoice | null;
  sessions: SessionsFile;
  config: Config;
  session: Session | null;
  now: Date;
}

const TEXT = '…';

/**
 * The one place that says what to do next. Handlers add what they alone know;
 * everything else follows from the state after the command.
 */
export function buildInstructions(state: InstructionState, hints: InstructionHints, render: (i: Invocation) => string): Instructions {
  const { plan, session, now } = state;
  const taskCode = activeTaskCode(session);
  const task = taskCode ? plan.tasks.find((t) => sameCode(t.code, taskCode)) ?? null : null;
  const sprintCode = activeSprintCode(session) ?? task?.sprint ?? null;
  const elapsed = task ? taskSeconds(task, state.sessions, now) : null;
  const progress = sprintCode ? sprintProgress(plan, sprintCode) : null;

  const derived = task ? taskAdvice(state, task) : idleAdvice(state, sprintCode);
  const nudges = task ? staleness(state, task, elapsed ?? 0) : { actions: [], suggestions: [] };
  if (session?.status === 'paused') {
    nudges.actions.unshift(`${session.key} is paused, so no time is counted: resume it when work goes on`);
    derived.suggest.unshift({ command: 'session:resume' });
  }
  const notice = closedElsewhereNotice(session, now);
  // A refusal that already says it (TASK_CLOSED) need not say it twice.
  const closed = notice && !(hints.next_actions ?? []).some((a) => a.includes(notice)) ? notice : null;
  const next_actions = unique([...(hints.next_actions ?? []), ...nudges.actions, ...derived.actions]).slice(0, 3);
  const suggest = uniqueBy([...(hints.suggest ?? []), ...derived.suggest, ...(hints.suggestLater ?? [])], render).slice(0, 4);

  return {
    next_actions,
    suggested_commands: suggest.map(render),
    context_reminder: {
      session: session?.key ?? null,
      sprint: sprintCode,
      task: task?.code ?? null,
      time_elapsed: elapsed === null ? null : formatSeconds(elapsed),
      estimate: task?.estimate ? formatEstimate(task.estimate) : null,
    },
    progress: {
      context_updates: task?.updates.length ?? 0,
      time_elapsed: elapsed === null ? null : formatSeconds(elapsed),
      estimated_remaining:
        task?.estimate && elapsed !== null ? formatSeconds(Math.max(0, estimateSeconds(task.estimate) - elapsed)) : null,
      sprint: progress ? `${progress.done}/${progress.total}` : null,
    },
    validation_errors: hints.validation_errors ?? [],
    validation_warnings: [...(closed ? [closed] : []), ...(hints.validation_warnings ?? [])],
    required_actions: (hints.required_actions ?? []).map((a) => (a.run ? `${a.say}: ${render(a.run)}` : a.say)),
    // A handler and the nudges may both see the same thing (a task shared with another session): say it once.
    suggestions: uniqueBy([...(hints.suggestions ?? []), ...nudges.suggestions], (x) => `${x.type} ${x.task ?? ''} ${x.sprint ?? ''} ${x.reason}`),
  };
}

interface Advice {
  actions: string[];
  suggest: Invocation[];
}

function taskAdvice(state: InstructionState, task: Task): Advice {
  const min = state.config.checks.min_updates;
  if (task.status === 'blocked') {
    return {
      actions: [`${task.code} is blocked (${task.block_reason ?? 'no reason given'}): unblock it when it can go on, or switch to another task`],
      suggest: [{ command: 'unblock' }, { command: 'next' }],
    };
  }
  if (task.updates.length < min) {
    return {
      actions: [`Record progress on ${task.code} (${task.title}) with a context update as you work`],
      suggest: [{ command: 'update', args: { text: TEXT } }, { command: 'note', args: { text: TEXT } }],
    };
  }
  return {
    actions: [`Keep ${task.code} current with updates; finish it with a summary of what was done`],
    suggest: [
      { command: 'update', args: { text: TEXT } },
      { command: 'done', args: { summary: TEXT } },
      { command: 'artifact', args: { ref: TEXT } },
    ],
  };
}

function idleAdvice(state: InstructionState, sprintCode: string | null): Advice {
  if (!state.session) {
    return {
      actions: ['Start a work session so updates, time and next steps are tracked'],
      suggest: [{ command: 'session:start' }, { command: 'next' }],
    };
  }
  const choice = state.next ?? nextTask(state.plan, sprintCode);
  if (choice.task) {
    return {
      actions: [`Activate ${choice.task.code} (${choice.task.title}), the next ready task`],
      suggest: [{ command: 'task:activate', args: { code: choice.task.code } }, { command: 'next' }],
    };
  }
  if (sprintCode) {
    return {
      actions: [`Nothing in ${sprintCode} is ready: close the sprint or plan the next one`],
      suggest: [{ command: 'sprint:deactivate' }, { command: 'sprint:list' }],
    };
  }
  return {
    actions: ['No task is ready: import a plan or create a task'],
    suggest: [{ command: 'import', args: { file: 'plan.md' } }, { command: 'task:list' }],
  };
}

/** Nudges for work going stale: no update for a while, over the estimate, shared with another session. */
function staleness(state: InstructionState, task: Task, elapsed: number): { actions: string[]; suggestions: Suggestion[] } {
  const actions: string[] = [];
  const suggestions: Suggestion[] = [];
  // Quiet time counts from the last update, or from when work on it (re)started in this session.
  const since = [task.updates.at(-1)?.at, task.started_at, state.session?.resumed_at, state.session?.stack.find((f) => sameCode(f.code, task.code))?.since];
  const last = since.filter((t): t is string => !!t).sort().at(-1);
  const quiet = last ? secondsBetween(last, state.now) : 0;
  if (task.status === 'in_progress' && quiet > state.config.stale_update_minutes * 60) {
    actions.push(`No update on ${task.code} for ${formatSeconds(quiet)}: record where it stands`);
    suggestions.push({ type: 'stale_task', task: task.code, reason: `no update for ${formatSeconds(quiet)}` });
  }
  if (task.estimate && elapsed > estimateSeconds(task.estimate)) {
    actions.push(`${task.code} has taken ${formatSeconds(elapsed)} against ${formatEstimate(task.estimate)} estimated: finish it or change the estimate`);
    suggestions.push({ type: 'update_estimate', task: task.code, reason: `${formatSeconds(elapsed)} spent, ${formatEstimate(task.estimate)} estimated` });
  }
  const others = state.sessions.sessions.filter(
    (s) => s.key !== state.session?.key && s.status === 'active' && s.stack.some((f) => sameCode(f.code, task.code)),
  );
  for (const other of others) {
    suggestions.push({ type: 'shared_task', task: task.code, reason: `also active in ${other.key}` });
  }
  return { actions, suggestions };
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function uniqueBy<T>(items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = keyOf(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
