// One writer for the concurrency figure: M `log` commands through the CLI's own entry, in one process.
import { runCli } from '../dist/fragments.js';

const [worker, count] = process.argv.slice(2);
process.stdout.write = () => true;
let failed = 0;
for (let i = 0; i < Number(count); i++) {
  const envelope = await runCli(['log', `writer ${worker} entry ${i}`, '--json']);
  if (!envelope?.success) failed++;
}
process.exit(failed ? 1 : 0);
