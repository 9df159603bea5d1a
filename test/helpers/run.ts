import { catalogue, type CommandName, type DataOf } from '../../src/commands/catalogue.js';
import type { Ctx, Envelope } from '../../src/runner/define.js';
import { execute } from '../../src/runner/execute.js';

/** Runs a command in this process as any face does, its answer read as the data that command promises. */
export async function run<N extends CommandName>(ctx: Ctx, name: N, args: Record<string, unknown> = {}): Promise<Envelope<DataOf<N>>> {
  return (await execute(catalogue, ctx, name, args)) as Envelope<DataOf<N>>;
}
