// The mutation-testing areas: which source files each mutates and which test files cover them.
// Each area runs alone (`npm run mutate -- <area>`; see README): data-dir and live-failure take
// ~10 minutes with one test process on a busy 2-core machine, engine-window ~40.
import { fileURLToPath } from 'node:url';

/** Repository root, so configs work from any working directory. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * `mutate`: globs of the code under test (tests excluded). `tests`: the test files that pin its
 * behaviour; only these run, so an area's run stays short. Every area breaks below 80%.
 */
export const AREAS = {
  'engine-window': {
    mutate: [
      'packages/engine/src/window/keyed-window-state.ts',
      'packages/engine/src/window/key-slots.ts',
      'packages/engine/src/window/partial-store.ts',
      'packages/engine/src/window/top-k.ts',
      'packages/engine/src/window/top-k-tracker.ts',
      'packages/engine/src/window/slot-order.ts',
    ],
    // window-property.test.ts is left out: its 1-vs-2-workers run takes half a minute per mutant
    // (the worker threads load the instrumented code) and the unit tests cover the same code.
    tests: [
      'packages/engine/src/window/**/*.test.ts',
      'packages/engine/test/windows.test.ts',
      'packages/engine/test/reconfiguration.test.ts',
    ],
  },
  'engine-history': {
    mutate: [
      'packages/engine/src/window/window-rules.ts',
      'packages/engine/src/window/rollup-tier.ts',
      'packages/engine/src/window/history-stats.ts',
      'packages/engine/src/operators/reduced-window.ts',
    ],
    tests: [
      'packages/engine/test/history-tiers.test.ts',
      'packages/engine/test/window-rules-entry.test.ts',
      'packages/engine/test/windows.test.ts',
      'packages/engine/test/reconfiguration.test.ts',
      'packages/engine/src/window/rollup-tier.test.ts',
      'packages/protocol/src/window-rules.test.ts',
      'packages/protocol/src/window-config.test.ts',
    ],
  },
  'analyze-window': {
    mutate: ['apps/server/src/analyze/auto-window.ts', 'apps/server/src/analyze/options.ts'],
    tests: ['apps/server/src/analyze/auto-window.test.ts', 'apps/server/src/analyze/options.test.ts'],
  },
  'tweets-decode': {
    mutate: ['packages/tweets/src/decode/**/*.ts'],
    tests: ['packages/tweets/test/decode-*.test.ts', 'packages/tweets/src/decode/**/*.test.ts'],
  },
  'tweets-hashtags': {
    mutate: ['packages/tweets/src/hashtags/**/*.ts'],
    tests: ['packages/tweets/test/hashtag*.test.ts', 'packages/tweets/src/hashtags/**/*.test.ts'],
  },
  'tweets-sentiment': {
    mutate: ['packages/tweets/src/sentiment/**/*.ts', '!packages/tweets/src/sentiment/**/*.d.ts'],
    tests: ['packages/tweets/test/sentiment-*.test.ts', 'packages/tweets/src/sentiment/**/*.test.ts'],
  },
  'data-dir': {
    mutate: ['apps/server/src/files/data-dir.ts'],
    tests: ['apps/server/src/files/data-dir*.test.ts'],
  },
  'live-failure': {
    mutate: [
      'apps/server/src/sources/live/reconnect-schedule.ts',
      'apps/server/src/sources/live/stream-failure.ts',
    ],
    tests: [
      'apps/server/src/sources/live/reconnect-schedule*.test.ts',
      'apps/server/src/sources/live/stream-failure*.test.ts',
      'apps/server/test/live/live-source*.test.ts',
    ],
  },
  protocol: {
    mutate: ['packages/protocol/src/**/*.ts', '!packages/protocol/src/**/*.test.ts'],
    tests: ['packages/protocol/src/**/*.test.ts', 'packages/protocol/test/**/*.test.ts'],
  },
};

const EXCLUDED_TESTS = ['!**/*.test.ts', '!**/*.d.ts'];

/** The Stryker configuration of one area. */
export function strykerConfig(area) {
  const spec = AREAS[area];
  if (!spec) throw new Error(`unknown mutation area "${area}": one of ${Object.keys(AREAS).join(', ')}`);
  return {
    $schema: '../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner', '@stryker-mutator/typescript-checker'],
    vitest: { configFile: `stryker/vitest/${area}.config.mjs`, related: false },
    // Mutants that do not type-check are dropped before any test runs (as the figures count).
    checkers: ['typescript'],
    // Only the area's files and what they import, so checking a mutant stays quick (regenerate
    // stryker/tsconfig/*.json with `node stryker/tsconfigs.mjs` after changing AREAS).
    tsconfigFile: `stryker/tsconfig/${area}.json`,
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    mutate: [...spec.mutate, ...EXCLUDED_TESTS],
    coverageAnalysis: 'perTest',
    // In place: the npm workspace links (node_modules/@hashpulse/*) point at the real packages, and
    // the X API recordings live in test-data/; a sandbox copy would test the unmutated code.
    inPlace: true,
    tempDirName: '.stryker-tmp',
    // Vitest strips types without checking them, so no file needs the `// @ts-nocheck` Stryker would
    // otherwise write (in place: into every file of the repository) for the length of the run.
    disableTypeChecks: false,
    // Two cores shared with other work; STRYKER_CONCURRENCY raises it on a bigger machine.
    concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
    timeoutMS: 20_000,
    thresholds: { high: 90, low: 80, break: 80 },
    reporters: ['clear-text', 'progress', 'json'],
    clearTextReporter: { reportScoreTable: true, reportMutants: true, reportTests: false },
    jsonReporter: { fileName: `reports/mutation/${area}.json` },
  };
}
