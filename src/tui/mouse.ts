/** A mouse report the screen acts on; `x` and `y` are 1-based cells, as the terminal counts them. */
export type MouseEvent = { kind: 'wheel'; by: -1 | 1; x: number; y: number } | { kind: 'click'; x: number; y: number };

/** SGR reports (`ESC [ < b ; x ; y M`, `m` on release), as asked for with modes 1000 and 1006. */
const SGR = /\x1b\[<(\d+);(\d+);(\d+)([Mm])/g;

/**
 * The mouse events in one input event. Wheel up is button 64, down 65 (with
 * Shift, Alt or Ctrl adding 4, 8, 16); a click is the left button pressed;
 * releases, drags and other buttons do nothing here.
 */
export function mouseEventsOf(input: string): MouseEvent[] {
  const events: MouseEvent[] = [];
  for (const m of input.matchAll(SGR)) {
    const button = Number(m[1]);
    const x = Number(m[2]);
    const y = Number(m[3]);
    const pressed = m[4] === 'M';
    const base = button & ~(4 | 8 | 16);
    if (base === 64 || base === 65) events.push({ kind: 'wheel', by: base === 64 ? -1 : 1, x, y });
    else if (base === 0 && pressed) events.push({ kind: 'click', x, y });
  }
  return events;
}
