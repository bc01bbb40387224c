// The vitest configuration of one mutation area: only the test files that cover the area.
import { defineConfig } from 'vitest/config';
import { AREAS, ROOT } from '../areas.mjs';

export function areaVitestConfig(area) {
  return defineConfig({
    root: ROOT,
    test: {
      include: AREAS[area].tests,
      exclude: ['**/node_modules/**', '**/dist/**'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  });
}
