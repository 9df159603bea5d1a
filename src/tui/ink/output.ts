import { styledCharsFromTokens, styledCharsToString, tokenize, type StyledChar } from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import { FrameCache, measuredFrame, widestLine, widthOf } from './frame-cache.js';

/**
 * Ink 6's `Output` (ink/build/output.js), put in its place by the build
 * (scripts/ink-output.mjs), drawing the same frame at a cost that follows
 * what changed. Ink builds every frame from nothing: each line of the screen
 * is cut into styled cells and joined back into text, whatever changed, so
 * an agent's one new line of activity, or a timer's tick, cost a whole
 * screen of that work (and most of the code the JIT then compiled). Here a
 * row of the screen is a pure function of the width and the text written
 * into it, in order: a row whose writes the last frame also had (at any
 * height: a feed that scrolls moves its rows up) is taken from that frame.
 * Rows are built exactly as Ink builds them; test/tui/ink-output.test.ts
 * checks the two give the same frame for any writes and clips.
 */

type Transformer = (line: string, index: number) => string;
interface Clip {
  x1: number | undefined;
  x2: number | undefined;
  y1: number | undefined;
  y2: number | undefined;
}
type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

/** Finished rows, by the width and what was written into them. */
const rows = new FrameCache<string>();
/** Lines cut to a clip's columns (a row that holds a part that does not shrink is clipped on every frame). */
const slices = new FrameCache<string>();

/** A line placed at column `x` of a row. */
interface Piece {
  x: number;
  line: string;
}

export default class Output {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor({ width, height }: { width: number; height: number }) {
    this.width = width;
    this.height = height;
  }

  write(x: number, y: number, text: string, { transformers }: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    const pieces: Piece[][] = Array.from({ length: this.height }, () => []);
    const clips: Clip[] = [];
    // Where each line lands, clipped and transformed, as Ink's own Output decides it.
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      if (operation.type === 'unclip') clips.pop();
      if (operation.type !== 'write') continue;
      const { text, transformers } = operation;
      let { x, y } = operation;
      let lines = text.split('\n');
      const clip = clips.at(-1);
      if (clip) {
        const { x1, x2, y1, y2 } = clip;
        const horizontally = typeof x1 === 'number' && typeof x2 === 'number';
        const vertically = typeof y1 === 'number' && typeof y2 === 'number';
        if (horizontally && (x + widestLine(text) < x1 || x > x2)) continue;
        if (vertically && (y + lines.length < y1 || y > y2)) continue;
        if (horizontally) {
          const from = x < x1 ? x1 - x : 0;
          lines = lines.map((line) => {
            const width = widthOf(line);
            const to = x + width > x2 ? x2 - x : width;
            return slices.get(`${from},${to},${line}`, () => sliceAnsi(line, from, to));
          });
          if (x < x1) x = x1;
        }
        if (vertically) {
          const from = y < y1 ? y1 - y : 0;
          const to = y + lines.length > y2 ? y2 - y : lines.length;
          lines = lines.slice(from, to);
          if (y < y1) y = y1;
        }
      }
      for (const [index, line] of lines.entries()) {
        const row = pieces[y + index];
        // Ink skips the rest of a text that runs past the last row, or starts above the first.
        if (!row) break;
        let shown = line;
        for (const transformer of transformers) shown = transformer(shown, index);
        row.push({ x, line: shown });
      }
    }
    const output = pieces.map((row) => rows.get(rowKey(this.width, row), () => drawRow(this.width, row))).join('\n');
    rows.turn();
    slices.turn();
    measuredFrame();
    return { output, height: this.height };
  }
}

/** Says exactly which pieces, in which order, on a row how wide: each line with its length, so no text can pass for another. */
function rowKey(width: number, row: Piece[]): string {
  let key = `${width}`;
  for (const { x, line } of row) key += `|${x},${line.length}:${line}`;
  return key;
}

const blank = (): StyledChar => ({ type: 'char', value: ' ', fullWidth: false, styles: [] });

/** One row as Ink draws it: cells of the width, each piece's characters over them, then the cells as text. */
function drawRow(width: number, row: Piece[]): string {
  const cells: (StyledChar | undefined)[] = Array.from({ length: width }, blank);
  for (const { x, line } of row) {
    let at = x;
    for (const character of styledCharsFromTokens(tokenize(line))) {
      cells[at] = character;
      const cellWidth = Math.max(1, widthOf(character.value));
      // A wide character's second cell is left empty, so nothing prints over its right half.
      for (let i = 1; i < cellWidth; i++) cells[at + i] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
      at += cellWidth;
    }
  }
  return styledCharsToString(cells.filter((cell) => cell !== undefined)).trimEnd();
}
