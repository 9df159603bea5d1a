import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll } from 'vitest';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** A tmux server of this test file's own (its socket named by `label` and the process), killed when the file ends. */
export function tmuxServer(label: string): (...args: string[]) => string {
  const socket = `fragments-${label}-${process.pid}`;
  afterAll(() => {
    if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
  });
  return (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

export type PaneCheck = string | RegExp | ((text: string) => boolean);

/** Waits until what `show` gives passes `check`, polling; a pane that never shows it fails naming `name` and what it shows instead. */
export function untilShown(show: () => string, name: string, defaultTimeoutMs: number) {
  return async (check: PaneCheck, timeoutMs = defaultTimeoutMs): Promise<string> => {
    const test = typeof check === 'string' ? (s: string) => s.includes(check) : check instanceof RegExp ? (s: string) => check.test(s) : check;
    const started = Date.now();
    for (;;) {
      const text = show();
      if (test(text)) return text;
      if (Date.now() - started > timeoutMs) throw new Error(`Pane ${name} never showed ${String(check)}:\n${text}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
}
