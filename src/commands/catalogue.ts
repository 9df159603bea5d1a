import { makeCatalogue, type DataOfCommand, type Envelope, type NoData } from '../runner/define.js';
import { boardCommands } from './board.js';
import { contextCommands } from './context.js';
import { forecastCommands } from './forecast.js';
import { helpCommands } from './help.js';
import { homeCommands } from './home.js';
import { initCommands } from './init.js';
import { planFileCommands } from './plan-files.js';
import { planCommands } from './plan.js';
import { reportCommands } from './report.js';
import { sessionCommands } from './session.js';
import { updateCommands } from './updates.js';

/** Every command, in the order help lists them: one family a file. */
export const catalogue = makeCatalogue([
  ...sessionCommands,
  ...contextCommands,
  ...updateCommands,
  ...planCommands,
  ...planFileCommands,
  ...reportCommands,
  ...forecastCommands,
  ...homeCommands,
  ...boardCommands,
  ...initCommands,
  ...helpCommands,
]);

/** The catalogue's own type: faces that hold it get each command's typed answers. */
export type CommandCatalogue = typeof catalogue;
type Entry = (typeof catalogue.commands)[number];
export type CommandName = Entry['name'];
/** What any command of the catalogue answers with in `data`, a refusal included. */
export type CommandData = DataOfCommand<Entry>;
/** What command `N` answers with when it succeeds: the `data` contract agents script against. */
export type DataOf<N extends CommandName> = Exclude<DataOfCommand<Extract<Entry, { name: N }>>, { ui: 'refused' }>;
/** An answer as every face gets it: some command's data, or none when no command ran. */
export type Answer = Envelope<CommandData | NoData>;
