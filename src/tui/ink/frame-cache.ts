import stringWidth from 'string-width';

/** Values made for one frame, kept for the next one only: what the screen keeps showing stays, the rest is let go. */
export class FrameCache<V> {
  private last = new Map<string, V>();
  private now = new Map<string, V>();

  get(key: string, make: (key: string) => V): V {
    let value = this.now.get(key);
    if (value === undefined) {
      value = this.last.get(key) ?? make(key);
      this.now.set(key, value);
    }
    return value;
  }

  turn(): void {
    this.last = this.now;
    this.now = new Map();
  }
}

/** Display widths of what a frame measures: the texts Ink lays out and clips, and single characters as they are placed. */
const widths = new FrameCache<number>();

export const widthOf = (text: string): number => widths.get(text, stringWidth);

/** widest-line's answer, from the widths of the frame before where the text is the same. */
export function widestLine(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, widthOf(line));
  return widest;
}

/** A frame is drawn: what it did not measure is forgotten. */
export function measuredFrame(): void {
  widths.turn();
}
