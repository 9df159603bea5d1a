import { Box, Text } from 'ink';
import { inert } from '../format.js';
import type { PromptState } from '../prompt-state.js';
import { useTheme } from '../theme.js';

/** Rows the menu takes at most, its heading included. */
const MENU_ROWS = 8;

/** Rows a menu needs, its heading included, within `room`. */
export const menuRows = (menu: PromptState['cycle'], room: number): number => (menu ? Math.max(0, Math.min(MENU_ROWS, menu.candidates.length + 1, room)) : 0);

/** What Tab offers, each with what it is (a summary, a title, an agent); the chosen one marked, scrolled to stay in view. */
export function CompletionMenu({ menu, height, width }: { menu: NonNullable<PromptState['cycle']>; height: number; width: number }) {
  const theme = useTheme();
  const rows = Math.max(1, height - 1);
  const top = Math.max(0, Math.min(menu.index - Math.floor(rows / 2), menu.candidates.length - rows));
  const shown = menu.candidates.slice(top, top + rows);
  const wide = Math.min(40, Math.max(...shown.map((c) => c.length)));
  return (
    <Box flexDirection="column" width={width}>
      <Text color={theme.dim} wrap="truncate-end">
        {`─ ${menu.index + 1} of ${menu.candidates.length} · ↑↓ choose · Tab next · Enter takes · Esc closes `.padEnd(width, '─')}
      </Text>
      {shown.map((candidate, i) => (
        <Text key={candidate} wrap="truncate-end" inverse={top + i === menu.index}>
          {top + i === menu.index ? '▸ ' : '  '}
          <Text bold>{inert(candidate.padEnd(wide))}</Text>
          <Text color={theme.dim}> {inert(menu.labels[top + i] ?? '')}</Text>
        </Text>
      ))}
    </Box>
  );
}
