import pkg from '../../package.json' with { type: 'json' };
import { catalogue } from '../commands/catalogue.js';
import { argsFromWords } from '../commands/parse.js';
import { execute, exitCode, failure } from '../commands/runner.js';
import type { Envelope } from '../commands/types.js';
import { FragmentsError } from '../domain/errors.js';
import { resolveHome } from '../store/home.js';
import { Store } from '../store/store.js';
import { splitGlobals, type Globals } from './globals.js';
import { renderHuman } from './human.js';


function print(envelope: Envelope, globals: Globals): void {
  if (globals.json) {
    process.stdout.write(`${JSON.stringify(envelope)}\n`);
  } else {
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    const { out, err } = renderHuman(envelope, color);
    process.stdout.write(out);
    process.stderr.write(err);
  }
  process.exitCode = exitCode(envelope);
}

/** FRAGMENTS_NOW pins the clock, so time rules can be tried (and tested) without waiting hours. */
function clock(env: NodeJS.ProcessEnv): () => Date {
  const pinned = env.FRAGMENTS_NOW;
  if (!pinned) return () => new Date();
  const at = new Date(pinned);
  if (Number.isNaN(at.getTime())) throw new FragmentsError('USAGE', `FRAGMENTS_NOW="${pinned}" is not a date; use an ISO time such as 2026-01-05T14:30:00Z.`);
  return () => new Date(at);
}

/** Runs one command line; returns its envelope (also used by in-process drivers). */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<Envelope | null> {
  let globals: Globals = { json: argv.includes('--json'), help: false, version: false, debug: false };
  try {
    const split = splitGlobals(argv);
    globals = split.globals;
    if (globals.version) {
      process.stdout.write(globals.json ? `${JSON.stringify({ version: pkg.version })}\n` : `fragments ${pkg.version}\n`);
      return null;
    }
    let [name, ...words] = split.words;
    if (globals.help || name === undefined) {
      words = name && name !== 'help' ? [name] : words;
      name = 'help';
    }
    const store = new Store(resolveHome(globals.home, env));
    const ctx = { store, face: 'cli' as const, now: clock(env), sessionKey: globals.session, requestId: globals.requestId };
    const command = catalogue.find(name);
    const args = command ? argsFromWords(command, words) : {};
    const envelope = await execute(catalogue, ctx, name, args);
    print(envelope, globals);
    return envelope;
  } catch (e) {
    if (!(e instanceof FragmentsError)) throw e;
    const envelope = failure(argv[0] ?? '', null, e);
    print(envelope, globals);
    return envelope;
  }
}

/** The `fragments` executable: one command line, then exit with its code. */
export function main(): void {
  // Files are born private, so no kill between a write and its chmod can leave one readable by others.
  process.umask(0o077);
  const argv = process.argv.slice(2);
  runCli(argv).catch((e: unknown) => {
    // A bug still answers an agent with one envelope. Faults the user can fix
    // never get here (the store names them); the stack is for whoever debugs.
    const message = `Unexpected failure: ${(e as Error).message ?? String(e)}. Please report it.`;
    if (argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify(failure(argv[0] ?? '', null, new FragmentsError('INTERNAL', message)))}\n`);
    }
    const detail = argv.includes('--debug') ? ((e as Error).stack ?? String(e)) : `${message} Run it again with --debug to see the stack trace.`;
    process.stderr.write(`fragments: ${detail}\n`);
    process.exitCode = 1;
  });
}
