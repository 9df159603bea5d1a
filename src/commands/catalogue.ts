import { makeCatalogue } from '../runner/define.js';
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
