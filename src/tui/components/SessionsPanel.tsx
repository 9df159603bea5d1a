import { Box, Text } from 'ink';
import type { Board } from '../../core/board.js';
import { useTheme } from '../theme.js';
import { SessionMarks, SessionWho, SessionWork, type Open } from './MissionControl.js';
import { Section } from './Section.js';

/** One line of a session's card. */
type Line = { key: string; part: 'who' | 'task' | 'marks' } | null;

/** The panel's lines under its title, each with the session it belongs to (null: the gap between two): what is drawn, and what a click lands on. */
export function panelLines(sessions: Open[]): Line[] {
  return sessions.flatMap((s, i): Line[] => [
    ...(i ? [null] : []),
    { key: s.key, part: 'who' },
    { key: s.key, part: 'task' },
    ...(s.stale || s.shared_with.length ? [{ key: s.key, part: 'marks' as const }] : []),
  ]);
}

/** The session a click on the panel's `row` (0: its title) lands on, or null. */
export function sessionAtRow(board: Board, row: number): string | null {
  return row < 1 ? null : (panelLines(board.open_sessions)[row - 1]?.key ?? null);
}

interface Props {
  board: Board;
  own: string | null;
  receivedAt: number;
  width: number;
  height: number;
}

/** Mission control beside the work, live: every open session, who runs it, on what, since when it was heard from, and what needs a look. */
export function SessionsPanel({ board, own, receivedAt, width, height }: Props) {
  const theme = useTheme();
  const now = Date.parse(board.at);
  const byKey = new Map(board.open_sessions.map((s) => [s.key, s]));
  const lines = panelLines(board.open_sessions);
  const room = Math.max(1, height - 1);
  const shown = lines.length > room ? lines.slice(0, room - 1) : lines;
  // A blank column (the margin, outside `width`), the rule, a blank column: the panel never touches the work beside it.
  const inner = width - 2;
  return (
    <Box width={width} height={height} flexDirection="column" marginLeft={1} borderStyle="single" borderColor={theme.dim} borderTop={false} borderRight={false} borderBottom={false} paddingLeft={1}>
      <Section title={`Sessions (${board.open_sessions.length} open)`} width={inner} right="click watches" />
      {board.open_sessions.length === 0 ? <Text color={theme.dim}>No session is open.</Text> : null}
      {shown.map((line, i) => {
        const s = line ? byKey.get(line.key)! : null;
        if (!line || !s) return <Text key={`gap-${i}`}> </Text>;
        const shownHere = s.key === board.session_key;
        if (line.part === 'who') {
          return (
            <Text key={`${s.key}-who`} wrap="truncate-end">
              {shownHere ? '▸ ' : '  '}
              <SessionWho s={s} own={s.key === own} watched={shownHere && s.key !== own} />
            </Text>
          );
        }
        if (line.part === 'task') {
          return (
            <Text key={`${s.key}-task`} wrap="truncate-end">
              {'    '}
              <SessionWork s={s} receivedAt={receivedAt} now={now} />
            </Text>
          );
        }
        return (
          <Text key={`${s.key}-marks`} wrap="truncate-end">
            {'  '}
            <SessionMarks s={s} />
          </Text>
        );
      })}
      {shown.length < lines.length ? <Text color={theme.dim}>  … more in /sessions</Text> : null}
    </Box>
  );
}
