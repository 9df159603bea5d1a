import { FragmentsError } from '../domain/errors.js';

export interface Globals {
  json: boolean;
  help: boolean;
  version: boolean;
  /** Show the stack trace of an unexpected failure. */
  debug: boolean;
  home?: string;
  session?: string;
  requestId?: string;
}

const VALUED = { '--home': 'home', '--session': 'session', '--request-id': 'requestId' } as const;

/** Takes the options every command shares out of argv, wherever they stand (before a `--`). */
export function splitGlobals(argv: string[]): { globals: Globals; words: string[] } {
  const globals: Globals = { json: false, help: false, version: false, debug: false };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      words.push(...argv.slice(i));
      break;
    }
    const [flag, inline] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    if (flag === '--json') globals.json = true;
    else if (flag === '--debug') globals.debug = true;
    else if (flag === '--help' || flag === '-h') globals.help = true;
    else if ((flag === '--version' || flag === '-V') && words.length === 0) globals.version = true;
    else if (flag in VALUED) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new FragmentsError('USAGE', `${flag} needs a value.`);
      globals[VALUED[flag as keyof typeof VALUED]] = value;
    } else words.push(word);
  }
  return { globals, words };
}
