import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json' with { type: 'json' };
import { catalogue, type Answer } from '../commands/catalogue.js';
import { clockFrom } from '../runner/clock.js';
import { argsFromWords } from '../syntax/words.js';
import { exitCode, failure } from '../runner/envelope.js';
import { execute } from '../runner/execute.js';
import type { Ctx, Envelope } from '../runner/define.js';
import { printable } from '../domain/printable.js';
import { FragmentsError, stackOf, unexpectedFailure } from '../domain/errors.js';
import { resolveHome } from '../store/home.js';
import { openStore, type StoreLocation } from '../store/store.js';
import { userResolver } from './user.js';
import { splitGlobals, wantsJson, type Globals } from './globals.js';
import { renderHuman } from '../render/human.js';
import { colourWanted } from '../render/colour.js';
import { SERVER_USAGE, serverOptions, isServer, type Server } from './server-options.js';
import { callOptions } from '../runner/call-options.js';
import { descriptors, stdoutIsTerminal, streams, type Output } from './output.js';

function print(envelope: Answer, globals: Globals, output: Output): void {
  if (globals.json) {
    output.out(`${JSON.stringify(envelope)}\n`);
  } else {
    const color = colourWanted(process.env, stdoutIsTerminal());
    const { out, err } = renderHuman(envelope, color);
    output.out(out);
    output.err(err);
  }
  process.exitCode = exitCode(envelope);
}

/** The TUI, loaded only here: one-shot commands never parse Ink or React. */
async function openScreen(where: StoreLocation, env: NodeJS.ProcessEnv, sessionKey?: string): Promise<void> {
  const home = where.home;
  // A person at a terminal is reading this screen. Ink takes CI (set by CI jobs, test runners, some
  // shells) to mean nobody is, and then prints only a last frame on exit: it must not see them.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const { openTui } = await import('../tui/run.js');
  const demo = home.startsWith(join(tmpdir(), 'fragments-demo-'));
  const store = await openStore(where);
  await openTui({ store, location: { home, url: where.url, user: where.user?.() }, now: clockFrom(env), sessionKey, commandThread: new URL('./tui-worker.js', import.meta.url), ...(demo ? { farewell: `The demo home was a copy in ${home}; it is removed now.`, demo: true } : {}) });
  await store.close();
  if (demo) await fsp.rm(home, { recursive: true, force: true });
}

/** The servers, loaded only here: one-shot commands never parse the MCP SDK or Hono. Each runs until told to stop. */
async function serve(server: Server, words: string[], where: StoreLocation, env: NodeJS.ProcessEnv): Promise<void> {
  const options = serverOptions(server, words);
  const store = await openStore(where);
  if (server === 'mcp') {
    const { serveMcpStdio } = await import('../mcp/stdio.js');
    await serveMcpStdio({ store, now: clockFrom(env) });
  } else {
    const { serveHttp } = await import('../http/serve.js');
    await serveHttp({ store, now: clockFrom(env), ...options });
  }
  await store.close();
}

/** The store this command line names: --store or FRAGMENTS_STORE (a database), else the home folder. */
function locate(globals: Globals, env: NodeJS.ProcessEnv): StoreLocation {
  return { home: resolveHome(globals.home, env), url: globals.store ?? env.FRAGMENTS_STORE, user: userResolver(globals.user, env) };
}

/** A private temporary copy of the example home, so the demo can be played with freely. */
async function demoHome(): Promise<string> {
  const home = await fsp.mkdtemp(join(tmpdir(), 'fragments-demo-'));
  await fsp.cp(fileURLToPath(new URL('../.fragments.example', import.meta.url)), home, { recursive: true });
  return home;
}

/**
 * Runs one command line; returns its envelope (also used by in-process drivers),
 * or null once a face (TUI, MCP, HTTP) has run. `handOff` is given by the
 * code-cached one-shot bundle (bin/load-cli.js): the faces live in the ES module
 * build's chunks, so there the whole run is handed to that build's `main` before
 * anything is done twice (a demo home copied, a face's store opened).
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, handOff?: () => Promise<void>, output: Output = streams): Promise<Answer | Envelope<{ version: string }> | null> {
  let globals: Globals = { json: wantsJson(argv), help: false, version: false, debug: false };
  try {
    const split = splitGlobals(argv);
    globals = split.globals;
    if (globals.version) {
      // Every --json answer is an envelope, this one too.
      const envelope: Envelope<{ version: string }> = { schema_version: 1, success: true, command: 'version', session_key: null, data: { version: pkg.version } };
      output.out(globals.json ? `${JSON.stringify(envelope)}\n` : `fragments ${pkg.version}\n`);
      return envelope;
    }
    let [name, ...words] = split.words;
    if (!globals.help && !globals.json && (name === undefined || name === 'demo')) {
      if (process.stdout.isTTY === true && process.stdin.isTTY === true) {
        if (handOff) return handOff().then(() => null);
        await openScreen(name === 'demo' ? { home: await demoHome() } : locate(globals, env), env, globals.session);
        return null;
      }
      if (name === 'demo') throw new FragmentsError('USAGE', '`fragments demo` opens the full-screen TUI and needs a terminal; run it in one.');
    }
    if (isServer(name)) {
      if (globals.help) output.out(`${SERVER_USAGE[name]}\n`);
      else if (handOff) await handOff();
      else await serve(name, words, locate(globals, env), env);
      return null;
    }
    if (globals.help || name === undefined) {
      words = name && name !== 'help' ? [name] : words;
      name = 'help';
    }
    const command = catalogue.find(name);
    const { sessionKey, requestId } = callOptions({ session_key: globals.session, request_id: globals.requestId }, { session_key: '--session', request_id: '--request-id' });
    // Help reads no home, so it answers even where none can be found (HOME unset).
    const store = await openStore(command?.name === 'help' ? { home: '' } : locate(globals, env));
    // The developer typed this line: a check command may run, in the folder it was typed in.
    const ctx: Ctx = { store, face: 'cli', now: clockFrom(env), sessionKey, requestId, cwd: process.cwd(), byDeveloper: true };
    // A check can take minutes, and its output is kept rather than shown: say that it runs.
    if (!globals.json) ctx.checking = (command) => output.err(`Running the completion check \`${printable(command)}\`…\n`);
    const args: Record<string, unknown> = command ? argsFromWords(command, words) : {};
    if (command?.stdin && args[command.stdin.from] === '-') {
      // Loaded only here: no other command line reads standard input.
      const { readStdin } = await import('./stdin.js');
      args[command.stdin.into] = await readStdin();
      delete args[command.stdin.from];
    }
    const envelope = await execute(catalogue, ctx, name, args).finally(() => store.close());
    print(envelope, globals, output);
    return envelope;
  } catch (e) {
    if (!(e instanceof FragmentsError)) throw e;
    const envelope = failure(argv[0] ?? '', null, e);
    print(envelope, globals, output);
    return envelope;
  }
}

/** The `fragments` executable: one command line, then exit with its code. Settles once the command (or face) is done. */
export function main(handOff?: () => Promise<void>): Promise<void> {
  // Files are born private, so no kill between a write and its chmod can leave one readable by others.
  process.umask(0o077);
  const argv = process.argv.slice(2);
  return runCli(argv, process.env, handOff, descriptors).then(() => undefined, (e: unknown) => {
    // A bug still answers an agent with one envelope. Faults the user can fix
    // never get here (the store names them); the stack is for whoever debugs.
    const failed = unexpectedFailure(e);
    if (wantsJson(argv)) descriptors.out(`${JSON.stringify(failure(argv[0] ?? '', null, failed))}\n`);
    const detail = argv.includes('--debug') ? stackOf(e) : `${failed.message} Run it again with --debug to see the stack trace.`;
    descriptors.err(`fragments: ${detail}\n`);
    process.exitCode = 1;
  });
}
