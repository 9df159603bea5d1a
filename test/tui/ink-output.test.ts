/**
 * The screen's Output (src/tui/ink/output.ts) stands in for Ink's own in the
 * bundle: for any frame, and any frame after another, both must draw exactly
 * the same text. Frames are drawn from what Ink writes: styled and plain
 * text, wide characters and emoji, several lines, places off the screen,
 * clips on either axis or both, nested, and per-line transforms.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import InkOutput from '../../node_modules/ink/build/output.js';
import Output from '../../src/tui/ink/output.js';

const STYLES = ['\x1b[31m', '\x1b[39m', '\x1b[1m', '\x1b[22m', '\x1b[7m', '\x1b[27m', '\x1b[38;5;208m', '\x1b[90m', '\x1b[0m'];
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'word ', '─', ' ', '…', 'T-SESS-01', '12:05') },
  { weight: 2, arbitrary: fc.constantFrom(...STYLES) },
  { weight: 1, arbitrary: fc.constantFrom('古', '👍', '界a', '\n', 'e\u0301') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const text = fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(''));

/** Transforms as Ink's Text gives them: colour a line, or mark it by its index. */
const TRANSFORMS: ((line: string, index: number) => string)[] = [
  (line) => `\x1b[32m${line}\x1b[39m`,
  (line, index) => (index % 2 ? line.toUpperCase() : line),
  (line) => `\x1b[1m${line}\x1b[22m`,
];

type Op = { kind: 'write'; x: number; y: number; text: string; transforms: number[] } | { kind: 'clip'; x1?: number; x2?: number; y1?: number; y2?: number } | { kind: 'unclip' };

const maybe = (n: fc.Arbitrary<number>) => fc.option(n, { nil: undefined });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('write' as const), x: fc.integer({ min: -3, max: 24 }), y: fc.integer({ min: -2, max: 8 }), text, transforms: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clip' as const), x1: maybe(fc.integer({ min: -2, max: 20 })), x2: maybe(fc.integer({ min: 0, max: 24 })), y1: maybe(fc.integer({ min: -1, max: 6 })), y2: maybe(fc.integer({ min: 0, max: 8 })) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unclip' as const }) },
);
type Frame = { width: number; height: number; ops: Op[] };
const frame = fc.record({ width: fc.integer({ min: 1, max: 20 }), height: fc.integer({ min: 0, max: 6 }), ops: fc.array(op, { maxLength: 14 }) });
/** The next frame as a screen makes it: the same writes moved (a feed scrolls), one of them gone, a new one, or another width. */
const edit = fc.oneof(
  fc.record({ dx: fc.integer({ min: -2, max: 2 }), dy: fc.integer({ min: -2, max: 2 }) }).map(({ dx, dy }) => (f: Frame) => ({ ...f, ops: f.ops.map((o) => (o.kind === 'write' ? { ...o, x: o.x + dx, y: o.y + dy } : o)) })),
  fc.nat().map((n) => (f: Frame) => ({ ...f, ops: f.ops.filter((_, i) => i !== n % Math.max(1, f.ops.length)) })),
  op.map((o) => (f: Frame) => ({ ...f, ops: [...f.ops, o] })),
  fc.integer({ min: 1, max: 20 }).map((width) => (f: Frame) => ({ ...f, width })),
);
const frames = fc.tuple(frame, fc.array(edit, { maxLength: 4 })).map(([first, edits]) => edits.reduce((all, e) => [...all, e(all.at(-1)!)], [first]));

function draw(Kind: typeof InkOutput | typeof Output, { width, height, ops }: Frame) {
  const output = new Kind({ width, height });
  for (const o of ops) {
    if (o.kind === 'write') output.write(o.x, o.y, o.text, { transformers: o.transforms.map((t) => TRANSFORMS[t]!) });
    else if (o.kind === 'clip') output.clip({ x1: o.x1, x2: o.x2, y1: o.y1, y2: o.y2 });
    else output.unclip();
  }
  return output.get();
}

describe("the screen's Output", () => {
  it("draws every frame as Ink's Output does, after any frame before it", () => {
    fc.assert(
      fc.property(frames, (all) => {
        for (const f of all) expect(draw(Output, f)).toEqual(draw(InkOutput, f));
      }),
      { numRuns: 500 },
    );
  });

  it('draws a frame that repeats rows of the last one, moved, as a whole new frame would be', () => {
    const line = (i: number) => ({ kind: 'write' as const, x: 0, y: 0, text: `\x1b[90m12:0${i}\x1b[39m update  line ${i} 古`, transforms: [0] });
    const feed = (first: number) => ({ width: 30, height: 4, ops: [0, 1, 2, 3].map((row) => ({ ...line(first + row), y: row })) });
    for (const first of [0, 1, 2, 2, 5]) expect(draw(Output, feed(first))).toEqual(draw(InkOutput, feed(first)));
  });
});
