import type { Priority, TaskStatus } from '../../domain/plan.js';
import type { Block } from './blocks.js';
import { isBareTaskCode, isCode } from './codes.js';
import { dependencyList, estimateText, priorityWord, readTail, statusWord, type Tail } from './task-line.js';

/*
 * A table of tasks is read by what its columns hold, whatever language its
 * header is in: a column of codes, of durations or hours, of statuses, of
 * priorities, of dependencies, and the title (the column a header names so, or
 * the one with the most words). A table with no column of codes, estimates or
 * statuses is a task table only where its heading says the section is work.
 */

export interface TableRow {
  code: string | undefined;
  /** `| 3 | … |`: the row's number, for a code made from it. */
  number: string | undefined;
  title: string;
  tail: Tail;
  line: number;
}

export interface TaskTable {
  rows: TableRow[];
  /** Its columns say it holds tasks (codes, estimates or statuses), not only its heading. */
  evident: boolean;
}

const TITLE_WORDS =
  /^(?:task|tasks|title|name|summary|description|what|item|work|feature|story|todo|to do|deliverable|tarea|tareas|título|titulo|nombre|descripción|descripcion|tâche|tâches|titre|nom|aufgabe|aufgaben|titel|beschreibung|attività|compito|titolo|taak|taken|tarefa|título|zadanie|задача|название|タスク|任务|작업)\b/;
const HOURS_WORDS = /\b(?:hours?|hrs?|h|horas?|heures?|stunden|std|ore|uren|timer|godziny|часы|時間|小时|工时)\b|\(h\)|^h$/;
const POINTS_WORDS = /\b(?:pts?|points?|sp|story points?|puntos|punkte)\b/;
const ESTIMATE_WORDS = /\b(?:estimate[sd]?|estimación|estimacion|estimado|estimada|estimée?|schätzung|stima|effort|esfuerzo|duration|duración|durée|dauer|time|tiempo|temps|zeit)\b/;
const DEPENDS_WORDS = /\b(?:depends?(?: on)?|dependenc(?:y|ies)|after|blocked by|prerequisites?|requires|dependencias?|depende(?: de)?|dépendances?|abhängigkeiten|dipendenze)\b/;
const STATUS_WORDS: Record<string, TaskStatus> = {
  hecho: 'completed',
  completado: 'completed',
  completada: 'completed',
  terminado: 'completed',
  fait: 'completed',
  terminé: 'completed',
  erledigt: 'completed',
  fertig: 'completed',
  fatto: 'completed',
  pendiente: 'pending',
  'en progreso': 'in_progress',
  'en curso': 'in_progress',
  'en cours': 'in_progress',
  offen: 'pending',
  'à faire': 'pending',
  'in arbeit': 'in_progress',
  bloqueado: 'blocked',
  bloqué: 'blocked',
};
const PRIORITY_WORDS: Record<string, string> = { alta: 'high', media: 'medium', baja: 'low', haute: 'high', moyenne: 'medium', basse: 'low', hoch: 'high', mittel: 'medium', niedrig: 'low', crítica: 'critical', critica: 'critical', critique: 'critical', kritisch: 'critical' };

type Column = 'code' | 'number' | 'title' | 'estimate' | 'hours' | 'points' | 'depends' | 'priority' | 'status';

export function cellStatus(text: string): TaskStatus | undefined {
  if (/[✅✔☑]/u.test(text)) return 'completed';
  const word = text.replace(/[\p{Extended_Pictographic}\u{FE0F}]/gu, '').trim().toLowerCase();
  return statusWord(word) ?? STATUS_WORDS[word];
}

function cellPriority(text: string): Priority | undefined {
  const word = text.replace(/[\p{Extended_Pictographic}\u{FE0F}]/gu, '').trim().toLowerCase();
  return priorityWord(PRIORITY_WORDS[word] ?? word);
}

/** `T-1`, `` `setup` ``: a code. */
function cellCode(text: string): string | undefined {
  const ticked = /^`([^`]+)`$/.exec(text)?.[1];
  if (ticked !== undefined) return isCode(ticked) ? ticked : undefined;
  return isBareTaskCode(text) ? text : undefined;
}

/** The column each kind of value sits in, judged by the header and by most of the cells that say anything. */
function columns(header: string[], body: string[][]): Partial<Record<Column, number>> {
  const found: Partial<Record<Column, number>> = {};
  const taken = new Set<number>();
  const mostly = (i: number, test: (cell: string) => boolean) => {
    const cells = body.map((row) => row[i] ?? '').filter((c) => c !== '' && !/^[-–—]$/.test(c));
    return cells.length > 0 && cells.filter(test).length * 2 > cells.length;
  };
  const claim = (kind: Column, test: (i: number) => boolean) => {
    const i = header.findIndex((_, j) => !taken.has(j) && test(j));
    if (i === -1) return;
    found[kind] = i;
    taken.add(i);
  };
  claim('code', (i) => mostly(i, (c) => cellCode(c) !== undefined));
  claim('number', (i) => /^(?:#|no\.?|nº|n°|id)?$/.test(header[i]!) && mostly(i, (c) => /^\d+(?:\.\d+)*\.?$/.test(c)));
  claim('status', (i) => mostly(i, (c) => cellStatus(c) !== undefined));
  claim('priority', (i) => mostly(i, (c) => cellPriority(c) !== undefined));
  claim('depends', (i) => DEPENDS_WORDS.test(header[i]!));
  claim('points', (i) => POINTS_WORDS.test(header[i]!) && mostly(i, (c) => /^\d+(?:\.\d+)?$/.test(c)));
  claim('hours', (i) => HOURS_WORDS.test(header[i]!) && mostly(i, (c) => /^\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?$/.test(c)));
  claim('estimate', (i) => mostly(i, (c) => estimateText(c) !== undefined) && (ESTIMATE_WORDS.test(header[i]!) || mostly(i, (c) => /[a-z]/i.test(c))));
  claim('title', (i) => TITLE_WORDS.test(header[i]!));
  if (found.title === undefined) {
    // The column with the most letters in it: a title, in any language.
    const letters = (i: number) => body.reduce((n, row) => n + (row[i]?.match(/\p{L}/gu)?.length ?? 0), 0);
    const free = header.map((_, i) => i).filter((i) => !taken.has(i));
    const best = free.sort((a, b) => letters(b) - letters(a))[0];
    if (best !== undefined && letters(best) > 0) found.title = best;
  }
  return found;
}

/** A table of tasks, or undefined for any other table. `work`: the section's heading says it holds work. */
export function taskTable(table: Extract<Block, { type: 'table' }>, work: boolean): TaskTable | undefined {
  const header = table.header.map((cell) => cell.text.trim().toLowerCase());
  const body = table.rows.map((row) => row.cells.map((cell) => cell.text.trim()));
  const at = columns(header, body);
  const evident = at.code !== undefined || at.estimate !== undefined || at.hours !== undefined || at.points !== undefined || at.status !== undefined;
  if (at.title === undefined || (!evident && !(work && TITLE_WORDS.test(header[at.title]!)))) return undefined;
  const rows = body.map((cells, r): TableRow => {
    const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? ''));
    const { title, tail } = readTail(cell(at.title));
    const hours = cell(at.hours).replace(/,/g, '.');
    const estimate = at.points !== undefined && cell(at.points) !== '' ? `${cell(at.points)} pts` : hours !== '' && at.hours !== undefined ? `${hours}h` : estimateText(cell(at.estimate));
    const depends = dependencyList(cell(at.depends));
    const priority = cellPriority(cell(at.priority));
    const status = cellStatus(cell(at.status));
    const number = cell(at.number).replace(/\.$/, '');
    return {
      code: cellCode(cell(at.code)),
      number: number === '' ? undefined : number,
      title,
      tail: {
        ...tail,
        ...(estimate && estimateText(estimate) ? { estimate: estimateText(estimate)! } : {}),
        ...(depends?.length ? { depends } : {}),
        ...(priority ? { priority } : {}),
        ...(status ? { status } : {}),
      },
      line: table.rows[r]!.line,
    };
  });
  return { rows, evident };
}
