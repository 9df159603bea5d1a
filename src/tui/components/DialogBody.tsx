import type { Board } from '../../core/board.js';
import type { Catalogue } from '../../runner/define.js';
import type { Dialog } from '../app-state.js';
import { helpLines } from '../help.js';
import { CheckDialog } from './CheckDialog.js';
import { EstimateDialog } from './EstimateDialog.js';
import { MissionControl } from './MissionControl.js';
import { PreviewDialog } from './PreviewDialog.js';
import { SessionSummary } from './SessionSummary.js';
import { TaskBoard } from './TaskBoard.js';
import { TextPanel } from './TextPanel.js';

interface Props {
  dialog: Dialog;
  catalogue: Catalogue;
  board: Board | null;
  own: string | null;
  receivedAt: number;
  /** Lines the help, output and preview panels are scrolled. */
  offset: number;
  height: number;
  width: number;
}

/** The open dialog, in the room the activity had. */
export function DialogBody({ dialog, catalogue, board, own, receivedAt, offset, height, width }: Props) {
  switch (dialog.kind) {
    case 'check':
    case 'summary':
      return <CheckDialog failed={dialog.failed} tail={dialog.tail} field={dialog.field} what={dialog.call.name} height={height} width={width} />;
    case 'estimate':
      return <EstimateDialog task={dialog.task} duration={dialog.duration} reason={dialog.reason} height={height} width={width} />;
    case 'ended':
      return <SessionSummary summary={dialog.summary} height={height} width={width} />;
    case 'sessions':
      return board ? <MissionControl board={board} own={own} selected={dialog.selected} receivedAt={receivedAt} height={height} width={width} /> : null;
    case 'help':
      return <TextPanel title="Help" lines={helpLines(catalogue)} offset={offset} height={height} width={width} />;
    case 'preview':
      return <PreviewDialog title={`${dialog.call.name} would do this`} lines={dialog.lines} offset={offset} height={height} width={width} />;
    case 'output':
      return <TextPanel title={dialog.title} lines={dialog.lines} offset={offset} height={height} width={width} />;
    case 'tasks':
      return <TaskBoard board={dialog.board} height={height} width={width} />;
    case 'detail':
      return <TextPanel title={dialog.title} lines={dialog.lines} offset={offset} height={height} width={width} />;
    case 'feed':
      // The feed with a line chosen is the screen's own body, drawn by the App.
      return null;
  }
}
