import { Text } from 'ink';
import { inert } from '../format.js';
import { useTicker } from '../hooks/useTicker.js';
import { useTheme } from '../theme.js';

const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

/**
 * "running `npm test` ⠋ 12s": what is running and for how long, moving on the
 * screen's one-second tick, so a long command costs no more redraws than the
 * timer. Shown from `after` milliseconds on, so a quick command never flickers.
 */
export function Running({ what, since, after = 0, waiting = 0 }: { what: string; since: number; after?: number; waiting?: number }) {
  const theme = useTheme();
  const now = useTicker(true);
  if (now - since < after) return <Text> </Text>;
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  return (
    <Text color={theme.warn} wrap="truncate-end">
      running `{inert(what)}` {FRAMES[seconds % FRAMES.length]} {seconds}s
      {waiting ? <Text color={theme.dim}> · {waiting} more line{waiting === 1 ? '' : 's'} waiting</Text> : null}
    </Text>
  );
}
