// The mutation-testing areas: which source files each mutates and which test files cover them.
// Each area runs alone (`npm run mutate -- <area>`; see README): data-dir and live-failure take
// ~10 minutes with one test process on a busy 2-core machine, engine-window ~40, engine-partials 9;
// engine-clock, checkpoint, recording-kind and replay-gaps 6 to 15, server-origin 17 (its tests
// start servers), tweets-sentiment-lexicon 64, tweets-sentiment-training 15.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, so configs work from any working directory. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * `file:first-last` for Stryker, the lines found by text: from the first line holding `from` (null:
 * line 1) up to the line before the next one holding `before` (null: the last line). Written as
 * line numbers, the ranges drifted each time their files grew and mutated the wrong code (twice);
 * a marker that is no longer there fails the config instead.
 */
export function linesOf(file, from, before) {
  const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const find = (text, start) => {
    const at = lines.findIndex((line, i) => i >= start && line.includes(text));
    if (at < 0) throw new Error(`stryker/areas.mjs: "${text}" is not in ${file} (after line ${start + 1})`);
    return at;
  };
  const first = from === null ? 0 : find(from, 0);
  const end = lines.at(-1) === '' ? lines.length - 2 : lines.length - 1; // a final newline ends no line
  const last = before === null ? end : find(before, first + 1) - 1;
  return `${file}:${first + 1}-${last + 1}`;
}

const JOB_GENERATOR = 'packages/engine/src/context/job-generator.ts';

/**
 * `mutate`: globs of the code under test (tests excluded). `tests`: the test files that pin its
 * behaviour; only these run, so an area's run stays short. Every area breaks below 80%.
 */
export const AREAS = {
  'engine-window': {
    mutate: [
      'packages/engine/src/window/keyed-window-state.ts',
      'packages/engine/src/window/packed-window-state.ts',
      'packages/engine/src/window/window-state.ts',
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
  // The partials a window's history keeps per batch and the sums its roll-ups fold them into.
  'engine-partials': {
    mutate: [
      'packages/engine/src/window/compact-partial.ts',
      'packages/engine/src/window/inline-keys.ts',
      'packages/engine/src/window/slot-sum.ts',
      'packages/engine/src/window/pair-counts.ts',
    ],
    tests: [
      'packages/engine/src/window/compact-partial.test.ts',
      'packages/engine/src/window/slot-sum.test.ts',
      'packages/engine/src/window/pair-counts.test.ts',
      'packages/engine/src/window/rollup-tier.test.ts',
      'packages/engine/src/window/packed-window-state.test.ts',
      'packages/engine/test/packed-partials.test.ts',
      'packages/engine/test/history-tiers.test.ts',
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
      'packages/engine/test/window-rules.test.ts',
      'packages/engine/test/window-operator.test.ts',
      'packages/engine/test/windows.test.ts',
      'packages/engine/test/reconfiguration.test.ts',
      'packages/engine/src/window/rollup-tier.test.ts',
      'packages/engine/test/packed-partials.test.ts',
      'packages/engine/test/on-demand-window.test.ts',
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
    tests: [
      'packages/tweets/test/decode-*.test.ts',
      'packages/tweets/test/decoded-members.test.ts',
      'packages/tweets/src/decode/**/*.test.ts',
    ],
  },
  // The native member parser's JavaScript side (the addon's C++ is held by the same tests).
  'fast-json': {
    mutate: ['packages/fast-json/src/**/*.ts'],
    tests: ['packages/fast-json/src/**/*.test.ts'],
  },
  'tweets-hashtags': {
    mutate: ['packages/tweets/src/hashtags/**/*.ts'],
    tests: ['packages/tweets/test/hashtag*.test.ts', 'packages/tweets/src/hashtags/**/*.test.ts'],
  },
  // Sentiment in three areas, each with the tests that pin it. Left out of all three:
  // sentiment-accuracy.test.ts, which scores the 4,200-tweet VADER set with both scorers (about 30 s
  // per mutant instrumented, over an hour per run with the word lists' static mutants); the
  // word-by-word tests pin the same rules.
  // The lexicon scorer: tokenizer, VADER's rules and word lists, language cover, the public API.
  'tweets-sentiment-lexicon': {
    mutate: [
      'packages/tweets/src/sentiment/*.ts',
      '!packages/tweets/src/sentiment/features.ts',
      '!packages/tweets/src/sentiment/model.ts',
      '!packages/tweets/src/sentiment/model-file.ts',
      '!packages/tweets/src/sentiment/shipped-model.ts',
      '!packages/tweets/src/sentiment/**/*.d.ts',
    ],
    tests: [
      'packages/tweets/test/sentiment-rules.test.ts',
      'packages/tweets/test/sentiment-lists.test.ts',
      'packages/tweets/test/sentiment-reference.test.ts',
      'packages/tweets/test/sentiment-language.test.ts',
      'packages/tweets/test/sentiment-model.test.ts',
      'packages/tweets/test/sentiment-text-units.test.ts',
      'packages/tweets/test/sentiment-tokenize.test.ts',
      'packages/tweets/test/sentiment-word-table.test.ts',
    ],
  },
  // The learned layer: featurizer, model, weights file.
  'tweets-sentiment-model': {
    mutate: [
      'packages/tweets/src/sentiment/features.ts',
      'packages/tweets/src/sentiment/model.ts',
      'packages/tweets/src/sentiment/model-file.ts',
      'packages/tweets/src/sentiment/shipped-model.ts',
    ],
    tests: [
      'packages/tweets/test/sentiment-features.test.ts',
      'packages/tweets/test/sentiment-features-tokens.test.ts',
      'packages/tweets/test/sentiment-weights.test.ts',
      'packages/tweets/test/sentiment-model.test.ts',
      'packages/tweets/test/sentiment-lists.test.ts',
    ],
  },
  // The offline trainer (`npm run train:sentiment`). sentiment-training.test.ts is left out: its
  // end-to-end run (17 fits on 390 tweets, 2.1 s of the trainer tests' 2.5 s) is most of the 53 s
  // the instrumented tests took, and Stryker put the area at 1 to 2 h with it; the parts tests pin
  // the same code on small inputs (it still runs in `npm test`). A mutant that loses `--out`
  // writes the package's model/weights.json (Stryker restores only mutated files): run.mjs puts
  // such a file back from git after the area, with a warning naming it.
  'tweets-sentiment-training': {
    mutate: ['packages/tweets/src/sentiment/training/**/*.ts'],
    tests: ['packages/tweets/test/sentiment-training-parts.test.ts'],
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
  // The engine's clocks: virtual, manual, replay and system time, their timers and start waits
  // (the timer-delay clamp is in replay-gaps, with the other code that carries a replay over gaps).
  'engine-clock': {
    mutate: ['packages/engine/src/clock/**/*.ts', '!packages/engine/src/clock/timer-delay.ts'],
    tests: [
      'packages/engine/src/clock/**/*.test.ts',
      'packages/engine/test/clocks.test.ts',
      'packages/engine/test/clock-contract.test.ts',
    ],
  },
  // The scheduler: which batch closes when (job-generator, its idle skip aside) and how closed
  // batches run in order (job-scheduler).
  'engine-scheduler': {
    mutate: [
      'packages/engine/src/context/job-scheduler.ts',
      linesOf(JOB_GENERATOR, null, 'private skipIdle('),
      linesOf(JOB_GENERATOR, 'private closeBatch(', null),
    ],
    tests: [
      'packages/engine/src/context/**/*.test.ts',
      'packages/engine/test/source-flow.test.ts',
      'packages/engine/test/events.test.ts',
      'packages/engine/test/metrics.test.ts',
      'packages/engine/test/operators.test.ts',
      'packages/engine/test/idle-time.test.ts',
      'packages/engine/test/reconfiguration.test.ts',
      'packages/engine/test/clock-contract.test.ts',
    ],
  },
  // Replay over stretches without tweets: the server's gap threshold (REPLAY_GAP) and the gaps it
  // records, the engine's idle-batch skip, and the clamp that keeps a far timer from firing at once.
  'replay-gaps': {
    mutate: [
      'apps/server/src/sources/replay/replay-gaps.ts',
      linesOf('apps/server/src/sources/replay/replay-source.ts', 'private passGap(', 'private shifted('),
      'packages/engine/src/clock/timer-delay.ts',
      linesOf(JOB_GENERATOR, 'private skipIdle(', 'private closeBatch('),
    ],
    tests: [
      'apps/server/src/sources/replay/replay-gaps.test.ts',
      'apps/server/src/sources/replay/replay-time.test.ts',
      'packages/engine/src/clock/timer-delay.test.ts',
      'packages/engine/test/idle-time.test.ts',
      'packages/engine/test/clocks.test.ts',
    ],
  },
  // Which requests the HTTP server and socket.io answer: Host (DNS rebinding), Origin and JSON
  // bodies, and the ALLOWED_HOSTS / ALLOWED_ORIGINS settings they read.
  'server-origin': {
    mutate: [
      'apps/server/src/server/origin-policy.ts',
      'apps/server/src/server/request-guard.ts',
      linesOf(
        'apps/server/src/config/server-config.ts',
        'function listOf(',
        'export async function resolveListenAddress(',
      ),
    ],
    tests: [
      'apps/server/src/server/**/*.test.ts',
      'apps/server/test/same-origin.test.ts',
      'apps/server/test/config.test.ts',
    ],
  },
  // The tables keyed by X's decimal ids: the duplicate filter's, and the profile store's map and LRU,
  // with the memory store that asks them many ids at a time.
  'server-ids': {
    mutate: [
      'apps/server/src/ids/**/*.ts',
      'apps/server/src/sources/live/recent-ids.ts',
      'apps/server/src/profiles/memory-profile-store.ts',
    ],
    tests: [
      'apps/server/src/ids/**/*.test.ts',
      'apps/server/src/sources/live/recent-ids.test.ts',
      'apps/server/src/profiles/memory-profile-store.test.ts',
    ],
  },
  'recording-kind': {
    mutate: ['apps/server/src/files/recording-kind.ts'],
    tests: ['apps/server/src/files/recording-kind*.test.ts'],
  },
  // Engine checkpoints (written atomically, picked newest intact, refused from another job) and the
  // server's saved session they resume.
  checkpoint: {
    mutate: ['packages/engine/src/checkpoint/**/*.ts', 'apps/server/src/runtime/session-state.ts'],
    tests: [
      'packages/engine/src/checkpoint/**/*.test.ts',
      'packages/engine/test/checkpoint.test.ts',
      'apps/server/src/runtime/**/*.test.ts',
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
    // STRYKER_DISABLE_BAIL=1 runs every covering test of a mutant, not just up to the first that
    // fails, so the report lists every test that kills each mutant (slower).
    disableBail: process.env.STRYKER_DISABLE_BAIL === '1',
    thresholds: { high: 90, low: 80, break: 80 },
    reporters: ['clear-text', 'progress', 'json'],
    clearTextReporter: { reportScoreTable: true, reportMutants: true, reportTests: false },
    jsonReporter: { fileName: `reports/mutation/${area}.json` },
  };
}
