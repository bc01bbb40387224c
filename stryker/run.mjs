// `npm run mutate [-- area...]`: runs the mutation areas one after another (each its own Stryker
// run, so one area's report and threshold stand alone) and prints one score per area at the end.
// An argument selects areas by name or prefix (`tweets` runs every tweets-* area).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { AREAS, ROOT } from './areas.mjs';

const wanted = process.argv.slice(2);
const areas = Object.keys(AREAS).filter(
  (area) => wanted.length === 0 || wanted.some((arg) => area === arg || area.startsWith(`${arg}-`)),
);
if (areas.length === 0) {
  console.error(`no mutation area matches ${wanted.join(', ')}: areas are ${Object.keys(AREAS).join(', ')}`);
  process.exit(2);
}

/** Score as Stryker computes it: killed + timeout over every valid mutant (compile errors left out). */
function score(report) {
  let detected = 0;
  let valid = 0;
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) {
      if (['Killed', 'Timeout'].includes(mutant.status)) detected++;
      if (['Killed', 'Timeout', 'Survived', 'NoCoverage'].includes(mutant.status)) valid++;
    }
  }
  return { detected, valid, percent: valid === 0 ? 100 : (100 * detected) / valid };
}

/** Tracked files with changes in the working tree (git's view), as a set of paths. */
function changedFiles() {
  const diff = spawnSync('git', ['diff', '--name-only'], { cwd: ROOT, encoding: 'utf8' });
  return new Set(diff.status === 0 ? diff.stdout.split('\n').filter(Boolean) : []);
}

// Stryker restores only the files it mutates; a surviving mutant can still write another tracked
// file (the trainer's default `--out` is the shipped weights.json). Files that were clean before
// the run and changed during an area are put back from git, with a warning naming them (the
// area's score stands: the mutant that wrote them was still judged by the tests).
const changedBefore = changedFiles();

const results = [];
for (const area of areas) {
  const reportFile = path.join(ROOT, 'reports', 'mutation', `${area}.json`);
  rmSync(reportFile, { force: true });
  console.log(`\n=== mutation area ${area} ===`);
  const run = spawnSync('npx', ['stryker', 'run', `stryker/${area}.conf.mjs`], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : null;
  const written = [...changedFiles()].filter((file) => !changedBefore.has(file));
  if (written.length > 0) {
    console.error(
      `mutation area ${area} changed tracked files it does not mutate: ${written.join(', ')}; restored from git`,
    );
    spawnSync('git', ['checkout', '--', ...written], { cwd: ROOT, stdio: 'inherit' });
  }
  results.push({ area, status: run.status, ...(report ? score(report) : {}) });
}

console.log('\narea               score    killed/valid  result');
for (const { area, status, percent, detected, valid } of results) {
  const figure = percent === undefined ? '   -  ' : `${percent.toFixed(2).padStart(6)}%`;
  const counts = valid === undefined ? '' : `${detected}/${valid}`;
  console.log(`${area.padEnd(18)} ${figure}  ${counts.padStart(12)}  ${status === 0 ? 'ok' : 'FAILED'}`);
}
process.exit(results.every(({ status }) => status === 0) ? 0 : 1);
