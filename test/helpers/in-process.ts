import { runCli } from '../../src/cli/main.js';

/** Runs one command line in this process as the CLI would, catching what it prints; the exit code is put back after. */
export async function runInProcess(argv: string[], env: NodeJS.ProcessEnv): Promise<{ envelope: Awaited<ReturnType<typeof runCli>>; out: string; err: string; exit: number }> {
  let out = '';
  let err = '';
  const { write: stdout } = process.stdout;
  const { write: stderr } = process.stderr;
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((err += chunk), true)) as typeof process.stderr.write;
  try {
    const envelope = await runCli(argv, { NO_COLOR: '1', ...env });
    return { envelope, out, err, exit: Number(process.exitCode ?? 0) };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
    process.exitCode = 0;
  }
}
