import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** The folders whose files a change may replace: the home, and those holding the plan's sprints and the activity. */
const FOLDERS = ['.', 'activity', 'plan', join('plan', 'sprints'), join('plan', 'recent')];

/**
 * Calls `onChange` once things settle after any write to the home. Folders
 * are watched, not files: each file is replaced by a rename, which ends a
 * watch on the file itself. A folder that does not exist yet is watched from
 * the first change after it appears.
 */
export function watchHome(home: string, onChange: () => void, settleMs = 60): () => void {
  let timer: NodeJS.Timeout | null = null;
  const watchers = new Map<string, FSWatcher>();
  const fire = () => {
    attach();
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, settleMs);
  };
  const attach = () => {
    for (const folder of FOLDERS) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(join(home, folder), { persistent: false }, fire);
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(folder);
        });
        watchers.set(folder, watcher);
      } catch {
        // Not there yet: the change that makes it is seen in its parent.
      }
    }
  };
  attach();
  return () => {
    if (timer) clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}
