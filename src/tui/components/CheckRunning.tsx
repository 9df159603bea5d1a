import { Text } from 'ink';
import { inert } from '../format.js';
import { useTicker } from '../hooks/useTicker.js';
import { theme } from '../theme.js';

const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

/** "running `npm test` ⠋ 12s": moves on the screen's one-second tick, so a long check costs no more redraws than the timer. */
export function CheckRunning({ command, since }: { command: string; since: number }) {
  const now = useTicker(true);
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  return (
    <Text color={theme.warn} wrap="truncate-end">
      running `{inert(command)}` {FRAMES[seconds % FRAMES.length]} {seconds}s
    </Text>
  );
}
