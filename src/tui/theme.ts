/** The few colours the screen uses, by meaning. */
export const theme = {
  accent: 'cyan',
  ok: 'green',
  warn: 'yellow',
  error: 'red',
  dim: 'gray',
  source: { tui: 'cyan', cli: 'green', mcp: 'magenta', api: 'blue' } as Record<string, string>,
} as const;
