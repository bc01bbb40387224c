// Writes stryker/tsconfig/<area>.json from AREAS: the type checker Stryker runs per mutant then
// loads only the area's files and their imports instead of the whole repository.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { AREAS, ROOT } from './areas.mjs';

const DECLARATIONS = ['packages/*/src/**/*.d.ts', 'apps/server/src/**/*.d.ts'];

for (const [area, spec] of Object.entries(AREAS)) {
  // A mutate entry may name a line range (`file.ts:10-20`); the type checker takes the whole file.
  const globs = [...new Set([...spec.mutate, ...spec.tests].map((glob) => glob.replace(/:\d+-\d+$/, '')))];
  const fromHere = (glob) => `../../${glob}`;
  const config = {
    extends: '../../tsconfig.base.json',
    // Ambient declarations (untyped lexicon modules...) are not imported, so list them.
    include: [...globs.filter((glob) => !glob.startsWith('!')), ...DECLARATIONS].map(fromHere),
    exclude: [
      '../../**/node_modules',
      '../../**/dist',
      // A declaration kept out of mutation (`!…/*.d.ts`) is still needed to type-check the area.
      ...globs
        .filter((glob) => glob.startsWith('!') && !glob.endsWith('.d.ts'))
        .map((glob) => fromHere(glob.slice(1))),
    ],
  };
  writeFileSync(
    path.join(ROOT, 'stryker', 'tsconfig', `${area}.json`),
    `${JSON.stringify(config, null, 2)}\n`,
  );
}
