import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Json = Record<string, any>;

/** Every file and folder under `dir` (the lock aside): path → content, or `<folder>`. */
export function snapshot(dir: string, base = dir): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name === '.lock') continue;
    const path = join(dir, name);
    const rel = path.slice(base.length + 1);
    if (statSync(path).isDirectory()) {
      entries[rel] = '<folder>';
      Object.assign(entries, snapshot(path, base));
    } else entries[rel] = readFileSync(path, 'latin1');
  }
  return entries;
}

/** Edits a JSON file of the home in place, as a person with an editor would. */
export function editJson(path: string, edit: (data: Json) => void): void {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Json;
  edit(data);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}

/** The entry doctor gives for `file` (the first, when references add more). */
export function doctorEntry(data: Json, file: string): Json | undefined {
  return (data.files as Json[]).find((f) => f.file === file);
}

/**
 * The whole plan of a home as one document, whether plan.json holds it
 * (version 1) or indexes the sprint files that do, with what each sprint's
 * recent file says changed since (lists added to, fields set).
 */
export function wholePlan(home: string): Json {
  const plan = JSON.parse(readFileSync(join(home, 'plan.json'), 'utf8')) as Json;
  if (plan.schema_version === 1) return plan;
  const name = (sprint: string | null) => (sprint === null ? 'backlog.json' : `${sprint.toLowerCase()}.json`);
  const tasks = (plan.parts as Json[]).flatMap((p) => {
    const part = JSON.parse(readFileSync(join(home, 'plan', ...(p.sprint === null ? [] : ['sprints']), name(p.sprint)), 'utf8')) as Json;
    const recentPath = join(home, 'plan', 'recent', name(p.sprint));
    const recent = existsSync(recentPath) ? (JSON.parse(readFileSync(recentPath, 'utf8')) as Json).tasks : [];
    for (const entry of recent as Json[]) {
      const task = (part.tasks as Json[]).find((t) => t.code.toLowerCase() === entry.code.toLowerCase());
      if (!task) continue;
      Object.assign(task, entry.set ?? {});
      for (const list of ['updates', 'notes', 'artifacts']) task[list].push(...entry[list]);
      task.updated_at = entry.updated_at;
    }
    return part.tasks as Json[];
  });
  return { sprints: plan.sprints, tasks };
}
