import { SERVER_NAME, type ServerEntry } from './clients.js';
import { isTable, sameValue } from './same-value.js';

/**
 * A client's JSON settings with our server entry in its table, every other
 * server and setting kept. Returns the text unchanged when the entry is
 * already there, so a second `init` changes no byte. Throws (a message for
 * the user) when the file is not a JSON object; it is then left alone.
 */
export function withJsonServer(text: string | null, key: string, entry: ServerEntry): string {
  let doc: unknown = {};
  if (text !== null && text.trim() !== '') {
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new Error(`is not valid JSON (${(e as Error).message})`);
    }
  }
  if (!isTable(doc)) throw new Error('is JSON but not an object');
  const servers = doc[key] ?? {};
  if (!isTable(servers)) throw new Error(`has a "${key}" that is not an object`);
  if (text !== null && sameValue(servers[SERVER_NAME], entry)) return text;
  const updated = { ...doc, [key]: { ...servers, [SERVER_NAME]: entry } };
  return `${JSON.stringify(updated, null, indentOf(text))}\n`;
}

/** The indent the file already uses, so merging does not reformat someone's file more than it must. */
function indentOf(text: string | null): string | number {
  const found = text?.match(/^[{[][^\n]*\n([ \t]+)\S/);
  return found?.[1] ?? 2;
}
