import { sameCode } from '../domain/codes.js';
import type { PlanFile, Sprint, Task } from '../domain/plan.js';
import type { SessionsFile } from '../domain/session.js';
import { progressOf, sprintProgress, subtasksOf, tasksOf } from './plan.js';
import { runningSeconds, taskSeconds } from './timer.js';

/** A task as agents script against it (SPEC 4): stable snake_case names. */
export function taskView(sessions: SessionsFile, task: Task, now: Date) {
  return viewOf(task, taskSeconds(task, sessions, now));
}

/** The views of many tasks: the sessions' running timers are read once, not once per task. */
export function taskViews(sessions: SessionsFile, tasks: Task[], now: Date) {
  const running = runningSeconds(sessions, now);
  return tasks.map((task) => viewOf(task, task.actual_seconds + (running.get(task.code.toLowerCase()) ?? 0)));
}

function viewOf(task: Task, seconds: number) {
  return {
    code: task.code,
    title: task.title,
    status: task.status,
    priority: task.priority,
    estimate: task.estimate,
    depends: task.depends,
    actual_seconds: Math.round(seconds),
    summary: task.summary,
    incomplete: task.incomplete,
    sprint: task.sprint,
    phase: task.phase,
    parent: task.parent,
    tags: task.tags ?? [],
    updates_count: task.updates.length,
  };
}

/** The full task: everything recorded on it, and its subtasks. */
export function taskDetail(plan: PlanFile, sessions: SessionsFile, task: Task, now: Date) {
  return {
    ...taskView(sessions, task, now),
    description: task.description,
    updates: task.updates,
    last_update: task.updates.at(-1) ?? null,
    notes: task.notes,
    artifacts: task.artifacts,
    evidence: task.evidence,
    block_reason: task.block_reason,
    subtasks: subtasksOf(plan, task.code).map((t) => t.code),
    active_in: sessions.sessions
      .filter((s) => s.status === 'active' || s.status === 'paused')
      .filter((s) => s.stack.some((f) => sameCode(f.code, task.code)))
      .map((s) => s.key),
    created_at: task.created_at,
    started_at: task.started_at,
    completed_at: task.completed_at,
  };
}

/** `tasks`: the sprint's tasks, when the caller has them already (a big plan is not walked twice). */
export function sprintView(plan: PlanFile, sprint: Sprint, tasks?: Task[]) {
  const { done, total } = tasks ? progressOf(tasks) : sprintProgress(plan, sprint.code);
  return {
    code: sprint.code,
    title: sprint.title,
    goal: sprint.goal,
    status: sprint.status,
    estimate: sprint.estimate,
    progress: { completed: done, total },
  };
}

export function sprintDetail(plan: PlanFile, sessions: SessionsFile, sprint: Sprint, now: Date) {
  const tasks = taskViews(sessions, tasksOf(plan, sprint.code), now);
  return {
    ...sprintView(plan, sprint),
    retrospective: sprint.retrospective,
    deliverables: sprint.deliverables,
    notes: sprint.notes,
    actual_seconds: tasks.reduce((sum, t) => sum + t.actual_seconds, 0),
    tasks,
  };
}

export type TaskView = ReturnType<typeof taskView>;
export type TaskDetail = ReturnType<typeof taskDetail>;
export type SprintView = ReturnType<typeof sprintView>;
export type SprintDetail = ReturnType<typeof sprintDetail>;
