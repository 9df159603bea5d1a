import { argsFromWords, tokenize } from './parse.js';
import type { Catalogue } from './runner.js';

export interface Call {
  name: string;
  args: Record<string, unknown>;
}

/**
 * A prompt line (`/update Created the files`, `task:activate T-1`) as a call
 * of the catalogue: the first word names the command by slash form or
 * catalogue name, the rest are its words as on the command line. An unknown
 * name is left for the runner to answer with the closest commands.
 */
export function parseLine(catalogue: Catalogue, line: string): Call | null {
  const [name, ...words] = tokenize(line);
  if (name === undefined) return null;
  const command = catalogue.find(name);
  return { name: command?.name ?? name, args: command ? argsFromWords(command, words) : {} };
}
