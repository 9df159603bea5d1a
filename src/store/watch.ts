import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** The folders whose files a change may replace: the home, and those holding the plan's sprints and the activity. */
const FOLDERS = ['.', 'activity', 'plan', join('plan', 'sprints'), join('plan', 'recent')];

/** Files of the home that hold no data a screen shows: the prompt's history, the API token. */
const IGNORED = new Set(['history', 'api-token']);

/**
 * Calls `onChange` once things settle after any write to the home. Folders
 * are watched, not files: each file is replaced by a rename, which ends a
 * watch on the file itself. A folder that does not exist yet is watched from
 * the first change after it appears.
 */
export function watchHome(home: string, onChange: () => void, settleMs = 60): () => void {
  let timer: NodeJS.Timeout | null = null;
  const watchers = new Map<string, FSWatcher>();
  const fire = (_event: string, name: string | Buffer | null) => {
    // Temporary files, the lock and the record of checked files (which a reader writes: the
    // watcher's own read would wake it again) change no data: the rename that installs a file
    // is seen under the file's own name. Without a name (some platforms), anything may have changed.
    if (typeof name === 'string' && (name.startsWith('.') || IGNORED.has(name))) return;
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
