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

function writeAll(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(fd, bytes, done);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // The reader went away (`| head`): there is no one left to tell.
    if (code === 'EPIPE') return;
    // A descriptor the parent made non-blocking, and full: the stream waits for it.
    if (code !== 'EAGAIN') throw e;
    (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(done));
  }
}

