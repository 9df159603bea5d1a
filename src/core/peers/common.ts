import type { PlanInput } from '../../domain/plan-input.js';

/** A peer's files read as a plan, and what the author should know about the reading. */
export interface PeerRead {
  plan: PlanInput;
  warnings: string[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function field(raw: unknown, key: string): unknown {
  return isRecord(raw) ? raw[key] : undefined;
}

/** A non-empty string, trimmed, or undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
