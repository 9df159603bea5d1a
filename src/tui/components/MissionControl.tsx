import { Box, Text } from 'ink';
import type { Board } from '../../core/board.js';
import { formatSeconds } from '../../domain/duration.js';
import { age, inert } from '../format.js';
import { useTheme } from '../theme.js';
import { LiveDuration } from './Elapsed.js';
import { Section } from './Section.js';

export type Open = Board['open_sessions'][number];

/** Who runs a session: the person, the agent, the face it came through. */
const whoRuns = (s: Open) => [s.user, s.agent, s.source].filter(Boolean).join(' · ');

/** What needs a look in a session: gone silent past the nudge, or on the same task as another. Nothing when all is well. */
export function SessionMarks({ s }: { s: Open }) {
  const theme = useTheme();
  return (
    <>
      {s.stale ? <Text color={theme.warn}> ⚠ silent {formatSeconds(s.silent_seconds)}</Text> : null}
      {s.shared_with.length ? <Text color={theme.error}> ⚠ same task as {s.shared_with.join(', ')}</Text> : null}
    </>
  );
}

/** A session by name: its key, whose screen it is, who runs it, its status. */
export function SessionWho({ s, own, watched }: { s: Open; own: boolean; watched: boolean }) {
  const theme = useTheme();
  return (
    <>
      <Text bold>{s.key}</Text>
      {own ? <Text color={theme.accent}> (this screen)</Text> : watched ? <Text color={theme.accent}> (watching)</Text> : null} <Text color={theme.dim}>{inert(whoRuns(s))}</Text>{' '}
      <Text color={s.status === 'active' ? theme.ok : theme.warn}>{s.status}</Text>
    </>
  );
}

/** What a session works on: its task with the session's time on it, and when it was last heard from. */
export function SessionWork({ s, receivedAt, now }: { s: Open; receivedAt: number; now: number }) {
  const theme = useTheme();
  return (
    <>
      {s.active_task ? (
        <Text>
          {inert(s.active_task.code)} <LiveDuration base={s.active_task.session_seconds} receivedAt={receivedAt} running={s.timer_running} />
        </Text>
      ) : (
        <Text color={theme.dim}>no task</Text>
      )}
      <Text color={theme.dim}> · last {age(s.last_seen_at, now)}</Text>
    </>
  );
}

function Row({ s, selected, own, watched, receivedAt, now }: { s: Open; selected: boolean; own: boolean; watched: boolean; receivedAt: number; now: number }) {
  return (
    <Text wrap="truncate-end" inverse={selected}>
      {selected ? '▸ ' : '  '}
      <SessionWho s={s} own={own} watched={watched} /> <SessionWork s={s} receivedAt={receivedAt} now={now} />
      <SessionMarks s={s} />
    </Text>
  );
}

/** Every open session of the home, live: who is on what, and what needs a look. */
export function MissionControl({ board, own, selected, receivedAt, height, width }: { board: Board; own: string | null; selected: number; receivedAt: number; height: number; width: number }) {
  const theme = useTheme();
  const rows = board.open_sessions;
  const now = Date.parse(board.at);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Section title={`Sessions (${rows.length} open)`} width={width} right="↑↓ · Enter watches · Esc" />
      {rows.length === 0 ? <Text color={theme.dim}>No session is open.</Text> : null}
      {rows.slice(0, Math.max(1, height - 1)).map((s, i) => (
        <Row key={s.key} s={s} selected={i === selected} own={s.key === own} watched={s.key === board.session_key && s.key !== own} receivedAt={receivedAt} now={now} />
      ))}
    </Box>
  );
}
