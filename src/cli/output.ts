import { writeSync } from 'node:fs';

/** Where a command line's answer goes. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** process.stdout and process.stderr, for drivers that run command lines in their own process and catch what is written. */
export const streams: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/**
 * The executable's own output: written straight to file descriptors 1 and 2.
 * Making process.stdout a stream costs a one-shot command ~2 ms (net, tty and
 * the stream classes load), more than the rest of printing its answer.
 */
export const descriptors: Output = {
  out: (text) => writeAll(1, text),
  err: (text) => writeAll(2, text),
};

/** Descriptors that once refused a write (EAGAIN): the rest goes through their stream, in order. */
const streamed = new Set<1 | 2>();

function writeAll(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (!streamed.has(fd) && done < bytes.length) done += writeSync(fd, bytes, done);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // The reader went away (`| head`): there is no one left to tell.
    if (code === 'EPIPE') return;
    // A descriptor someone made non-blocking, and full: its stream waits for the reader.
    if (code !== 'EAGAIN') throw e;
  }
  if (done === bytes.length) return;
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (!streamed.has(fd)) {
    streamed.add(fd);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  stream.write(bytes.subarray(done));
}

/**
 * Whether standard output is a terminal (colours), asked without making
 * process.stdout: the stream would set the descriptor non-blocking, and a
 * write to a full pipe would then fail instead of waiting for the reader.
 */
export function stdoutIsTerminal(): boolean {
  return process.getBuiltinModule('node:tty').isatty(1);
}
