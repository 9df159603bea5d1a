import { z } from 'zod';
import { Code, Priority, Text } from './plan.js';

/** A plan as `import` reads it, from JSON or from Markdown. Estimates are duration strings (`2h`, `2-3h`). */
export const TaskInput = z.object({
  code: Code,
  title: Text,
  description: Text.optional(),
  estimate: z.string().optional(),
  priority: Priority.optional(),
  depends: z.array(Code).optional(),
  parent: Code.optional(),
  phase: Text.optional(),
});
export type TaskInput = z.infer<typeof TaskInput>;

export const SprintInput = z.object({
  code: Code,
  title: Text,
  goal: Text.optional(),
  estimate: z.string().optional(),
  tasks: z.array(TaskInput).default([]),
});
export type SprintInput = z.infer<typeof SprintInput>;

export const PlanInput = z.object({ sprints: z.array(SprintInput) });
export type PlanInput = z.infer<typeof PlanInput>;
