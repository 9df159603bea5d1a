import { sameCode } from '../domain/codes.js';
import type { Frame, Session } from '../domain/session.js';

/** The deepest task frame (a subtask counts): what `update`, `note`, `done` act on. */
export function activeTaskCode(session: Session | null): string | null {
  const frame = session?.stack.findLast((f) => f.kind === 'task' || f.kind === 'subtask');
  return frame?.code ?? null;
}

export function activeSprintCode(session: Session | null): string | null {
  return session?.stack.findLast((f) => f.kind === 'sprint')?.code ?? null;
}

export function pushFrame(session: Session, frame: Frame): void {
  session.stack.push(frame);
}

/** Removes the frame of `code` and everything above it. */
export function popFrame(session: Session, code: string): Frame[] {
  const at = session.stack.findIndex((f) => sameCode(f.code, code));
  return at === -1 ? [] : session.stack.splice(at);
}

export function stackLine(session: Session | null): string {
  return ['project', ...(session?.stack.map((f) => f.code) ?? [])].join(' > ');
}
