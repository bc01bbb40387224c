// The vitest configuration of one mutation area: only the test files that cover the area, with
// workspace packages resolved to their TypeScript source as in the root vitest.config.ts (else a
// test would import the compiled dist/ and no mutant of src/ could ever be killed).
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { AREAS, ROOT } from '../areas.mjs';
import { LoadFailureReporter } from './load-failure-reporter.mjs';

const SOURCE_CONDITION = 'hashpulse-source';
const conditions = [SOURCE_CONDITION, ...defaultServerConditions];

export function areaVitestConfig(area) {
  return defineConfig({
    root: ROOT,
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      include: AREAS[area].tests,
      exclude: ['**/node_modules/**', '**/dist/**'],
      env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=${SOURCE_CONDITION}`.trim() },
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // A mutant that stops a test file from loading is caught: see load-failure-reporter.mjs.
      reporters: ['default', new LoadFailureReporter()],
    },
  });
}
