// A test's steps, each bounded and timed, so a test that fails or runs out of vitest's time says
// which step it was on and how long the earlier ones took (vitest's own timeout names only the test).
import { onTestFailed } from 'vitest';
import { WaitTimeoutError } from '../../apps/server/test/support/eventually.js';

interface Step {
  what: string;
  startedMs: number;
  tookMs: number | null;
}

export interface Steps {
  /** Runs `work` as the named step; it fails with the step's name if it takes over `timeoutMs`. */
  run<T>(what: string, work: () => Promise<T>, timeoutMs?: number): Promise<T>;
}

/** Call inside a test: a failure of the test prints the steps it went through. */
export function trackSteps(defaultTimeoutMs = 20_000): Steps {
  const begun = Date.now();
  const steps: Step[] = [];
  // One line per step: when it started, how long it took, or that it never finished.
  const describe = (): string =>
    steps
      .map(
        ({ what, startedMs, tookMs }) =>
          `  at ${(startedMs / 1000).toFixed(1)} s: ${what}, ${tookMs === null ? 'never finished' : `${tookMs} ms`}`,
      )
      .join('\n');
  onTestFailed(() => {
    console.error(`the test's steps:\n${describe()}`);
  });
  return {
    async run(what, work, timeoutMs = defaultTimeoutMs) {
      const step: Step = { what, startedMs: Date.now() - begun, tookMs: null };
      steps.push(step);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new WaitTimeoutError(`${what} took over ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        const result = await Promise.race([work(), late]);
        step.tookMs = Date.now() - begun - step.startedMs;
        return result;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
