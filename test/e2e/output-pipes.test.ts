import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, fragmentsJson, tempHome } from '../helpers/cli.js';
import { homeEnv } from '../helpers/store-env.js';

/** Runs a shell pipeline with `fragments` standing for the real executable on `home`. */
function pipeline(home: string, line: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-o', 'pipefail', '-c', line.replaceAll('fragments', `"${process.execPath}" "${BIN}"`)], { env: { ...process.env, ...homeEnv(home), NO_COLOR: '1' }, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('answers far bigger than a pipe holds', () => {
  let home: string;
  beforeAll(async () => {
    home = tempHome('pipes');
    const tasks = Array.from({ length: 3000 }, (_, i) => ({ code: `T-${i + 1}`, title: `Task number ${i + 1}, with a title long enough to fill a pipe` }));
    const plan = join(home, '..', 'plan.json');
    writeFileSync(plan, JSON.stringify({ sprints: [{ code: 'S-1', title: 'One', tasks }] }));
    expect((await fragmentsJson(home, ['import', plan])).success).toBe(true);
  });

  it('end quietly when the reader stops early, human and --json alike', async () => {
    for (const line of ['fragments task:list | head -1', 'fragments export --format md | head -c 10', 'fragments task:list --json | head -c 10']) {
      const run = await pipeline(home, line);
      expect(run.stderr, line).toBe('');
      expect(run.code, line).toBe(0);
    }
  });

  it('arrive whole through a reader that is slow to start', async () => {
    const human = await pipeline(home, 'fragments task:list | (sleep 1; cat)');
    expect(human.stdout.match(/T-\d+/g)?.length).toBeGreaterThanOrEqual(3000);
    const json = await pipeline(home, 'fragments task:list --json | (sleep 1; cat)');
    expect((JSON.parse(json.stdout) as { data: { tasks: unknown[] } }).data.tasks).toHaveLength(3000);
  });
});
