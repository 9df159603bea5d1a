import { PLAN_FORMAT_SHORT } from '../core/plan-format.js';

/**
 * The catalogue commands an agent works with, and when to call each. Agents
 * pay for every tool definition on every turn, so this list is kept lean:
 * the rest of the catalogue (help, doctor, board, export, heartbeat, bulk
 * completion, session switching) stays on the CLI and `POST /api/commands/:name`.
 * Arguments, annotations and names come from the catalogue itself.
 */
export const TOOL_DESCRIPTIONS: Record<string, string> = {
  'session:start': 'Call first: starts a work session, or takes up the open one, and says what to work on. This connection remembers the session.',
  'session:resume': 'Call after a crash, a restart or lost context: the stack, the active task, the last actions, how long work stopped. Restarts the timer.',
  'session:pause': 'Call when work stops for a while (a break, waiting for the developer): timers stop until session_resume.',
  'session:end': 'Call when the work is over, with a summary. Refused while a task is active unless force.',
  'session:status': 'Where things stand: the session, its stack, time on the active task, today’s counts.',
  'session:list': 'Sessions, newest first; status "active" or "paused" finds one to resume.',
  history: 'The session’s recent activities, from every source.',
  'sprint:activate': 'Call to work in a sprint (its code): it becomes the context that tasks come from.',
  'sprint:deactivate': 'Call when every task of the active sprint is closed: checks it, then closes it.',
  'task:activate': 'Call before working on a task; no code takes the next ready one. Starts its timer; later calls need no task id.',
  'task:deactivate': 'Completes a task named by code after its check; for the active task call done.',
  context: 'The context stack: project > sprint > task.',
  update: 'Call after each meaningful step (a file written, a test passing, a decision): a context update on the active task. No task id.',
  note: 'Call to keep a decision or caveat on the active task.',
  'sprint-note': 'A note on the active sprint.',
  log: 'A session event tagged with the active task, e.g. a command you ran.',
  artifact: 'Call when the task produced a file, commit or link: ref, and what it is.',
  done: 'Call when the active task is finished, with a summary of what was done. A failed check comes back as an error naming what is missing: fix it and call again.',
  estimate: 'Call when the active task’s estimate proves wrong: 90m, 2h, 2-3h.',
  block: 'Call when the active task cannot go on, with the reason; its timer stops.',
  unblock: 'Call when a blocked task can go on again.',
  'sprint:create': 'Plan a sprint: code and title.',
  'task:create': 'Add a task found during the work: code and title; sprint, estimate, priority, depends, parent.',
  'sprint:list': 'Sprints with their progress.',
  'sprint:show': 'A sprint and its tasks (default: the active sprint).',
  'task:list': 'Tasks, by sprint and status.',
  'task:show': 'A task in full (default: the active task).',
  next: 'Call when a task is done and none is active: the next ready task, and why.',
  import:
    'Load a plan; codes that exist are updated, never duplicated. Send the plan itself as `content` (Markdown as people write it, or the JSON plan below), with `file` naming where it came from so that two plans are told apart; ' +
    'or give `file` alone: a plan file (.md, .json, .jsonl) or a project folder holding task-master, Backlog.md, beads or spec-kit plans, under the project folder or the home. ' +
    '`dry_run` shows the tree first; `strict` refuses a plan that would leave items out. When the answer says items were not imported, convert the plan into the JSON plan and send that as content: ' +
    PLAN_FORMAT_SHORT,
  report: 'Actual against estimated time per task and sprint.',
};

/** Three lines for the `initialize` answer: how an agent works with Fragments. */
export const SERVER_INSTRUCTIONS = [
  'Start with session_start (or session_resume after a crash or lost context); this connection then remembers the session.',
  'Take a task with task_activate and call update after each meaningful step: no task id is needed while a task is active.',
  'Finish with done and a summary of what was done. Every answer says what to do next; any tool takes session_key (another session) and request_id (a retry with the same id changes nothing).',
].join('\n');
