import { isChar } from '../keys.js';
import { close, type DialogKeys } from './types.js';

/** What the ended session did: n starts a new one, Enter or q leaves. */
export const endedKeys: DialogKeys<'ended'> = (_dialog, key, screen) => {
  if (key.kind === 'escape') close(screen);
  else if (screen.empty && isChar(key, 'n')) {
    close(screen);
    screen.send({ line: '/session-start --new', call: { name: 'session:start', args: { new: true } } }, true);
  } else if (screen.empty && (key.kind === 'enter' || isChar(key, 'q'))) screen.exit();
  else {
    // Any other key goes back to the screen, and to the prompt.
    close(screen);
    return false;
  }
  return true;
};
