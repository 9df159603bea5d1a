import type { FieldKind } from '../runner/fields.js';
import { keepOption, readOption, splitOption } from '../syntax/words.js';
import { closest, didYouMean } from '../domain/codes.js';
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
  /** A postgres:// URL: the team's store instead of the home folder (else FRAGMENTS_STORE). */
  store?: string;
  /** Who works here, on a shared store (else FRAGMENTS_USER, git's user.email, the OS user). */
  user?: string;
}

type Key = 'json' | 'help' | 'version' | 'debug' | 'home' | 'session' | 'requestId' | 'store' | 'user';

const OPTIONS: Record<string, { key: Key; kind: FieldKind }> = {
  '--json': { key: 'json', kind: 'boolean' },
  '--help': { key: 'help', kind: 'boolean' },
  '-h': { key: 'help', kind: 'boolean' },
  '--version': { key: 'version', kind: 'boolean' },
  '--debug': { key: 'debug', kind: 'boolean' },
  '-V': { key: 'version', kind: 'boolean' },
  '--home': { key: 'home', kind: 'string' },
  '--session': { key: 'session', kind: 'string' },
  '--request-id': { key: 'requestId', kind: 'string' },
  '--store': { key: 'store', kind: 'string' },
  '--user': { key: 'user', kind: 'string' },
};

const fail = (problem: string) => new FragmentsError('USAGE', `${problem}.`);

/**
 * Takes the options every command shares out of argv, wherever they stand
 * (before a `--`), by the same rule as each command's own options. Before the
 * command only these may stand: anything else there is an unknown option.
 */
export function splitGlobals(argv: string[]): { globals: Globals; words: string[] } {
  const found: Partial<Record<Key, string | boolean>> = {};
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      words.push(...argv.slice(i));
      break;
    }
    const { flag } = splitOption(word);
    // Own names only: a word such as `constructor` in free text is not an option.
    const option = Object.hasOwn(OPTIONS, flag) ? OPTIONS[flag] : undefined;
    // --version after the command is that command's business (and refused there).
    if (option && !(option.key === 'version' && words.length > 0)) {
      const { value, last } = readOption(argv, i, option.kind, fail);
      if (option.kind === 'string' && value === '') throw fail(`${flag} needs a value`);
      keepOption(found, option.key, flag, option.kind, value, fail);
      i = last;
    } else if (words.length === 0 && word.startsWith('-')) {
      const near = closest(flag, Object.keys(OPTIONS).filter((o) => o.startsWith('--')));
      throw fail(`Unknown option ${flag}${didYouMean(near, 'aside')}; before the command only --json, --home DIR, --store URL, --user NAME, --session KEY, --request-id ID, --debug, --help and --version may stand`);
    } else words.push(word);
  }
  const { json = false, help = false, version = false, debug = false, home, session, requestId, store, user } = found as Partial<Globals>;
  const given = { home, session, requestId, store, user };
  return { globals: { json, help, version, debug, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v)) }, words };
}

/** Whether argv asks for JSON, read leniently: for answering in the asked form when argv itself is at fault. */
export function wantsJson(argv: string[]): boolean {
  return argv.some((w) => /^--json(=(true|1|yes))?$/i.test(w));
}
