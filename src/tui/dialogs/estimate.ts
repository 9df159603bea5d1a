import { isChar } from '../keys.js';
import { close, type DialogKeys } from './types.js';

/** The estimate a finished task suggests: y takes it, any other key keeps the old one. */
export const estimateKeys: DialogKeys<'estimate'> = (dialog, key, screen) => {
  if (key.kind === 'escape' || (screen.empty && (key.kind === 'enter' || key.kind === 'text'))) {
    close(screen);
    if (isChar(key, 'y', 'Y')) screen.send({ line: `/estimate ${dialog.duration}`, call: { name: 'estimate', args: { duration: dialog.duration, task: dialog.task } } }, true);
    else screen.dispatch({ type: 'notice', text: `Estimate of ${dialog.task} kept.` });
    // Any key but y keeps the estimate; a letter other than n is the start of the next line.
    return key.kind !== 'text' || isChar(key, 'y', 'Y', 'n', 'N');
  }
  return false;
};
