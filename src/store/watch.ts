import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/**
 * Calls `onChange` once things settle after any write to the home. The
 * folders are watched, not the files: each file is replaced by a rename,
 * which ends a watch on the file itself. `activity/` is watched once it exists.
 */
export function watchHome(home: string, onChange: () => void, settleMs = 60): () => void {
  let timer: NodeJS.Timeout | null = null;
  let activity: FSWatcher | null = null;
  const fire = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, settleMs);
  };
  const watchActivity = () => {
    if (activity) return;
    try {
      activity = watch(join(home, 'activity'), { persistent: false }, fire);
      activity.on('error', () => {
        activity?.close();
        activity = null;
      });
    } catch {
      // Not there yet: the first session's first activity makes it, and the home's watch sees that.
    }
  };
  const root = watch(home, { persistent: false }, (_event, name) => {
    if (name === 'activity') watchActivity();
    fire();
  });
  root.on('error', () => undefined);
  watchActivity();
  return () => {
    if (timer) clearTimeout(timer);
    root.close();
    activity?.close();
  };
}
