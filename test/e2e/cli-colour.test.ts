import { describe, expect, it } from 'vitest';
import { fragments, tempHome } from '../helpers/cli.js';

// `session:status` prints coloured labels where colour is wanted; undefined drops a variable from the child's environment.
const ESC = '\x1b[';

describe('colour in the CLI, by the same rule as the TUI', () => {
  it('a pipe gets none unless FORCE_COLOR asks; FORCE_COLOR wins over NO_COLOR, and 0 turns it off', async () => {
    const home = tempHome('cli-colour');
    await fragments(home, ['session:start']);
    const out = async (env: NodeJS.ProcessEnv) => {
      const run = await fragments(home, ['session:status'], { NO_COLOR: undefined, FORCE_COLOR: undefined, ...env });
      return run.stdout + run.stderr;
    };
    expect(await out({})).not.toContain(ESC);
    expect(await out({ FORCE_COLOR: '1' })).toContain(ESC);
    expect(await out({ FORCE_COLOR: '1', NO_COLOR: '1' })).toContain(ESC);
    expect(await out({ FORCE_COLOR: '0' })).not.toContain(ESC);
    expect(await out({ NO_COLOR: '1' })).not.toContain(ESC);
  });
});
