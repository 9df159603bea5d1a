export type Background = 'dark' | 'light';

/** OSC 11 asks the background colour; DA1 follows because every terminal answers it, so one that ignores OSC 11 costs no timeout. */
const ASK = '\x1b]11;?\x1b\\\x1b[c';
const COLOUR_REPLY = /\x1b\]11;rgba?:([0-9a-f]{1,4})\/([0-9a-f]{1,4})\/([0-9a-f]{1,4})/i;
const DA1_REPLY = /\x1b\[\?[\d;]*c/;

/** A background by its perceived brightness (Rec. 709 luma), each channel 0..1. */
function byLuma(r: number, g: number, b: number): Background {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5 ? 'light' : 'dark';
}

/** The terminal's answer to OSC 11 (`ESC ] 11 ; rgb:ffff/ffff/ffff ST`), as a background; null when `reply` holds none. */
export function backgroundFromReply(reply: string): Background | null {
  const m = COLOUR_REPLY.exec(reply);
  if (!m) return null;
  // Each channel has 1 to 4 hex digits, scaled to its own width.
  const [r, g, b] = m.slice(1, 4).map((hex) => parseInt(hex, 16) / (16 ** hex.length - 1)) as [number, number, number];
  return byLuma(r, g, b);
}

/** COLORFGBG (`15;0`, `0;default;15`: rxvt, Konsole, some others): its last field is the background's ANSI number. */
export function backgroundFromColorfgbg(value: string | undefined): Background | null {
  const bg = Number(value?.split(';').at(-1));
  if (!value || !Number.isInteger(bg) || bg < 0 || bg > 15) return null;
  // 7 (white) and the bright colours but 8 (dark grey) are light.
  return bg === 7 || bg > 8 ? 'light' : 'dark';
}

interface Tty {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

/**
 * Asks the terminal its background colour, before the screen takes the
 * keyboard: null when it does not say within `timeoutMs` (a terminal without
 * OSC 11, or one that is not a terminal). What arrives in the meantime is the
 * answer; a key typed in that instant is lost, which is why the wait is short.
 */
export function askTerminalBackground(stdin: Tty, stdout: { isTTY?: boolean; write(s: string): unknown }, timeoutMs = 200): Promise<Background | null> {
  if (!stdin.isTTY || !stdout.isTTY || !stdin.setRawMode) return Promise.resolve(null);
  return new Promise((resolve) => {
    let heard = '';
    const done = (answer: Background | null) => {
      clearTimeout(timer);
      stdin.off('data', onData);
      // Raw mode stays on: the screen takes it next, and a gap with echo on would print what is typed over the frame.
      stdin.pause();
      resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      heard += String(chunk);
      const answer = backgroundFromReply(heard);
      if (answer || DA1_REPLY.test(heard)) done(answer);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    stdin.setRawMode!(true);
    stdin.on('data', onData);
    stdin.resume();
    stdout.write(ASK);
  });
}
