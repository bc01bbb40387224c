// `npm run bench`: runs every bench/*.bench.ts in its own process, one after another, so one
// benchmark's heap and JIT state never colour another's figures. Each prints its own JSON.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
// Names pick benchmarks; `--flag=value` arguments are passed on to each (e.g. --semeval=PATH).
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();

let failed = 0;
for (const file of files) {
  console.error(`\n== ${file}`);
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(benchDir, file), ...flags],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    failed++;
    console.error(`${file} failed with exit code ${result.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
