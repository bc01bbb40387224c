// Polling a condition outside the test's reach (a server, a child process, a file) until it holds,
// bounded: the one wait loop the server's tests and the browser tests share.

export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}

export interface PollOptions<T = unknown> {
  timeoutMs: number;
  /** Pause between probes. Default 100 ms. */
  intervalMs?: number;
  /** Says what was last seen when the wait fails (null: nothing worth saying). Default: the value as JSON. */
  describe?: (value: T) => string | null;
}

/**
 * Probes until `accept` holds and returns what it accepted. The last probe always starts after
 * the deadline: on a loaded machine the test's own process can sleep through the whole timeout
 * between two probes (a CI run failed on a server status last updated about 15 s before, where the
 * server updates it four times a second), and a condition that came true meanwhile must not read
 * as a timeout.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T> | T,
  accept: (value: T) => boolean,
  { timeoutMs, intervalMs = 100, describe = (value) => JSON.stringify(value) }: PollOptions<T>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const expired = Date.now() > deadline;
    const last = await probe();
    if (accept(last)) return last;
    if (expired) {
      const seen = describe(last);
      throw new WaitTimeoutError(
        `${what} did not happen within ${timeoutMs} ms${seen === null ? '' : `; last seen ${seen}`}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until `condition` holds; for conditions with nothing worth showing when they fail. */
export async function waitUntil(
  what: string,
  condition: () => Promise<boolean> | boolean,
  options: Omit<PollOptions, 'describe'>,
): Promise<void> {
  await pollUntil(what, condition, (held) => held, { ...options, describe: () => null });
}
