import { Box, Text } from 'ink';
import { formatEstimate, formatSeconds } from '../../domain/duration.js';
import type { BoardTask } from '../../core/task-board.js';
import { STATUS_MARK } from '../../render/lines.js';
import { inert } from '../format.js';
import { boardRows, inView, selectedTask, type TaskBoardState } from '../task-board-state.js';
import type { Palette } from '../palettes.js';
import { useTheme } from '../theme.js';
import { Section } from './Section.js';

const statusColour = (theme: Palette): Record<string, string | undefined> => ({ in_progress: theme.accent, blocked: theme.error, completed: theme.ok, cancelled: theme.dim });

function TaskRow({ task, selected }: { task: BoardTask; selected: boolean }) {
  const theme = useTheme();
  const time = task.actual_seconds > 0 ? `${formatSeconds(task.actual_seconds)} / ${formatEstimate(task.estimate)}` : formatEstimate(task.estimate);
  const waits = task.waiting_on.length ? ` · waits on ${task.waiting_on.join(', ')}` : '';
  const blocked = task.block_reason ? ` · blocked: ${task.block_reason}` : '';
  return (
    <Text wrap="truncate-end" inverse={selected}>
      {selected ? '▸ ' : '  '}
      <Text color={statusColour(theme)[task.status]}>{STATUS_MARK[task.status] ?? '·'} </Text>
      <Text bold>{inert(task.code)}</Text> {inert(task.title)}{' '}
      <Text color={theme.dim}>
        {task.status} · {task.priority} · {time}
      </Text>
      <Text color={theme.warn}>{inert(waits + blocked)}</Text>
    </Text>
  );
}

/** What holds a task back, in full. */
function holdsBack(task: BoardTask | null): string {
  if (!task) return ' ';
  const parts = [task.waiting_on.length ? `waits on ${task.waiting_on.join(', ')}` : '', task.block_reason ? `blocked: ${task.block_reason}` : ''].filter(Boolean);
  // The cursor's row says which task: the whole line goes to what holds it back.
  return parts.length ? parts.join(' · ') : task.status === 'pending' ? 'ready to start: Enter starts it' : task.status.replace('_', ' ');
}

/** The plan, windowed: only the rows in view are drawn, so a plan of thousands of tasks moves as fast as one of ten. */
export function TaskBoard({ board: given, height, width }: { board: TaskBoardState; height: number; width: number }) {
  const theme = useTheme();
  // A heading, the rows, and a footer saying in full what holds the chosen task back (a row is cut at the screen's edge).
  const rows = boardRows(height);
  // The cursor in view even before a key moved it (the board opens on the task in progress).
  const board = inView(given, rows);
  const shown = board.lines.slice(board.top, board.top + rows);
  const selected = board.tasks[board.cursor];
  const where = board.tasks.length ? `${board.cursor + 1}/${board.tasks.length}` : '0';
  const filter = board.filtering || board.filter ? `filter: ${board.filter}${board.filtering ? '▏' : ''} · ` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Section title="Tasks" width={width} right={`${filter}${where} · / filter · Enter starts · Esc`} />
      {board.tasks.length === 0 ? <Text color={theme.dim}>{board.filter ? `No task matches “${inert(board.filter)}”.` : 'No tasks in the plan yet: /import FILE.'}</Text> : null}
      {shown.map((line, i) =>
        line.kind === 'sprint' ? (
          <Text key={`s-${board.top + i}`} wrap="truncate-end" color={theme.accent} bold>
            {inert(line.sprint.code ? `${line.sprint.code}  ${line.sprint.title}` : line.sprint.title)}
            <Text color={theme.dim} bold={false}>
              {'  '}
              {line.sprint.status} · {line.shown} task{line.shown === 1 ? '' : 's'}
            </Text>
          </Text>
        ) : (
          <TaskRow key={line.task.code} task={line.task} selected={board.top + i === selected} />
        ),
      )}
      <Box flexGrow={1} />
      <Text wrap="truncate-end" color={theme.dim}>
        {inert(holdsBack(selectedTask(board)))}
      </Text>
    </Box>
  );
}
