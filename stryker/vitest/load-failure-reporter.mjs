// A vitest reporter for mutation runs only: a test file that cannot be loaded (a mutant that makes
// a module throw at import) becomes one failed test, so Stryker scores that mutant Killed.
// Why: @stryker-mutator/vitest-runner 9.x builds each verdict from the tests it collected, and a
// file whose import throws collects none: with no failed test the mutant would count as Survived.

/** The name of the stand-in test, as Stryker's report shows it. */
export const LOAD_FAILURE_TEST = 'the test file loads';

export class LoadFailureReporter {
  onTestRunEnd(testModules) {
    for (const testModule of testModules) markLoadFailure(testModule.task);
  }
}

/**
 * Adds the failed stand-in test to a file task that failed without holding any task (vitest keeps
 * the load error on the file). A file that loaded is left as it is, whether its tests passed or not.
 */
export function markLoadFailure(file) {
  if (file.result?.state !== 'fail' || file.tasks.length > 0) return false;
  file.tasks.push({
    type: 'test',
    id: `${file.id}_load`,
    name: LOAD_FAILURE_TEST,
    mode: 'run',
    file,
    suite: file,
    meta: {},
    annotations: [],
    artifacts: [],
    result: { state: 'fail', errors: file.result.errors ?? [{ message: 'the test file failed to load' }] },
  });
  return true;
}
