import { homedir } from 'node:os';

/** Stored text on screen: one style with every other face (`\n`, `\x1b`), never obeyed. */
export { printable as inert } from '../domain/printable.js';

/** 0:45:12, so a running timer moves visibly every second. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** A bar of `width` cells filled to `ratio` (0..1). */
export function bar(ratio: number, width: number): { filled: string; empty: string } {
  const cells = Math.max(0, width);
  const n = Math.round(Math.min(1, Math.max(0, ratio)) * cells);
  return { filled: '█'.repeat(n), empty: '░'.repeat(cells - n) };
}

/** The home as a person reads it: `~` for the user's folder, the start cut when it is long. */
export function shortPath(path: string, max: number): string {
  const home = homedir();
  const short = path === home || path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
  return short.length <= max ? short : `…${short.slice(short.length - max + 1)}`;
}

/** `5m ago`, `2h ago`: how old a thing is, at a glance. */
export function age(at: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(at)) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

export const hhmm = (at: string) => {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
