import { Text } from 'ink';
import { useRef } from 'react';
import { formatSeconds } from '../../domain/duration.js';
import { bar, clock } from '../format.js';
import { useLiveSeconds } from '../hooks/useLiveSeconds.js';
import { useTheme } from '../theme.js';

interface Props {
  /** Seconds as of `receivedAt`. */
  base: number;
  receivedAt: number;
  running: boolean;
  /** Estimate bounds in seconds, for the bar and its colour. */
  low?: number | null;
  high?: number | null;
  barWidth?: number;
  /** Never shows less than it showed: for a figure that only grows (today's time), whatever rounding between two loads does. */
  monotonic?: boolean;
}

/**
 * The live timer, the one thing that redraws every second: its own small
 * component, so nothing else re-renders while the screen is idle.
 */
export function Elapsed({ base, receivedAt, running, low = null, high = null, barWidth = 0, monotonic = false }: Props) {
  const theme = useTheme();
  const live = useLiveSeconds(base, receivedAt, running);
  const shown = useRef(0);
  const seconds = monotonic ? Math.max(live, shown.current) : live;
  shown.current = seconds;
  const colour = high !== null && seconds > high ? theme.error : low !== null && seconds > low ? theme.warn : theme.ok;
  const cells = high && barWidth > 0 ? bar(seconds / high, barWidth) : null;
  return (
    <Text>
      <Text bold color={colour}>
        {running ? '⏱ ' : '⏸ '}
        {clock(seconds)}
      </Text>
      {cells ? (
        <Text>
          {' '}
          <Text color={colour}>{cells.filled}</Text>
          <Text color={theme.dim}>{cells.empty}</Text>
        </Text>
      ) : null}
    </Text>
  );
}

/** Time as people read it (`1h 48m`), moving with the running timer it includes. */
export function LiveDuration({ base, receivedAt, running }: { base: number; receivedAt: number; running: boolean }) {
  return <>{formatSeconds(useLiveSeconds(base, receivedAt, running))}</>;
}
