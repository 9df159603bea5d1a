import { Box, Text } from 'ink';
import { memo } from 'react';
import { inert } from '../format.js';
import type { AppState, RunningCheck } from '../app-state.js';
import type { PromptState } from '../prompt-state.js';
import { Running } from './Running.js';
import { useTheme } from '../theme.js';

/** A command running longer than this gets a line saying so, with its time. */
const SHOW_RUNNING_AFTER_MS = 1000;

interface Props {
  prompt: PromptState;
  /** What the line asks for when it is not a command, e.g. `Summary for T-1`. */
  label: string | null;
  hint: string | null;
  /** What the empty prompt says it takes. */
  placeholder: string;
  /** A Ctrl+R search under way: what is typed, and the history line it finds. */
  search: { query: string; found: string | null } | null;
  error: string | null;
  notice: string | null;
  /** The line being run now, if any. */
  running: AppState['running'];
  /** Lines sent after it, waiting their turn. */
  waiting: number;
  /** A completion check running now: shown on the status line until the command answers. */
  checking: RunningCheck | null;
  width: number;
}

/** The prompt line with its cursor, a dimmed hint under it, and one line for what runs, an error, or what just happened. */
// Memoised, as are the key bar and the next commands: an agent's write changes none of their props, and the frame it redraws need not build them again.
export const Prompt = memo(function Prompt({ prompt, label, hint, placeholder, search, error, notice, running, waiting, checking, width }: Props) {
  const theme = useTheme();
  const { text, cursor } = prompt;
  // A line break in the text shows as ↵: the prompt keeps its one row, the text its lines.
  const shown = (piece: string) => inert(piece.replaceAll('\n', '↵'));
  const before = shown(text.slice(0, cursor));
  const at = shown(text.slice(cursor, cursor + 1)) || ' ';
  const after = shown(text.slice(cursor + 1));
  // Keep the cursor in view on a line longer than the screen.
  const room = Math.max(10, width - (label ? label.length + 4 : 3) - 1);
  const shift = Math.max(0, before.length - room + 1);
  let status;
  if (checking) status = <Running what={checking.command} since={checking.since} waiting={waiting} />;
  else if (running && !error) {
    // Until a slow command has run a second, what was said before stays.
    status = <Running key={running.since} what={running.line} since={running.since} after={SHOW_RUNNING_AFTER_MS} waiting={waiting} />;
  } else if (error) {
    status = (
      <Text color={theme.error} wrap="truncate-end">
        ✗ {inert(error)}
      </Text>
    );
  } else {
    status = (
      <Text color={theme.ok} wrap="truncate-end">
        {notice ? inert(notice) : ' '}
      </Text>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      {search ? (
        <Text wrap="truncate-end">
          <Text color={theme.accent} bold>
            {'history › '}
          </Text>
          {inert(search.query)}
          <Text inverse> </Text>
          <Text color={search.found === null ? theme.warn : theme.dim}>{search.found === null ? '  no match' : `  ${shown(search.found)}`}</Text>
        </Text>
      ) : (
      <Text wrap="truncate-end">
        <Text color={running ? theme.dim : theme.accent} bold>
          {label ? `${label} › ` : '› '}
        </Text>
        {shift > 0 ? `…${before.slice(shift + 1)}` : before}
        <Text inverse>{at}</Text>
        {after}
        {text === '' && !label ? <Text color={theme.dim}> {placeholder}</Text> : null}
      </Text>
      )}
      <Text color={theme.dim} wrap="truncate-end">
        {search ? 'Ctrl+R older · Enter takes it · Esc leaves' : (hint ?? ' ')}
      </Text>
      {status}
    </Box>
  );
});
