/**
 * Whether to colour what is printed, by the conventions terminal tools share:
 * FORCE_COLOR wins when set (`0` or `false` turn colour off, anything else on,
 * even into a pipe), then NO_COLOR (set and not empty: no colour), then a
 * dumb terminal, then whether the output is a terminal at all. The CLI and
 * the TUI both decide here, so one environment gives one answer.
 */
export function colourWanted(env: NodeJS.ProcessEnv, isTerminal: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return isTerminal;
}
