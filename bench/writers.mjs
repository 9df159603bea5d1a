// Concurrent writers through the CLI: `processes` loops, each spawning `each`
// `fragments update` one after another, all on one home. Every update that
// answered success must be in the session's history.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function cliWriters(bin, home, processes, each) {
  const env = { ...process.env, FRAGMENTS_HOME: home };
  const start = process.hrtime.bigint();
  let acknowledged = 0;
  await Promise.all(Array.from({ length: processes }, async (_, p) => {
    for (let i = 0; i < each; i++) {
      const { stdout } = await run(process.execPath, [bin, 'update', `cli writer ${p} update ${i}`, '--json'], { env });
      if (JSON.parse(stdout).success) acknowledged++;
    }
  }));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const history = JSON.parse(execFileSync(process.execPath, [bin, 'history', '--limit', String(processes * each * 2), '--json'], { env, encoding: 'utf8' }));
  const recorded = history.data.activities.filter((a) => a.kind === 'update' && /^cli writer \d+ update \d+$/.test(a.text ?? '')).length;
  return { acknowledged, recorded, ms };
}
