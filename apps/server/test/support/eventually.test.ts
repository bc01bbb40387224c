// The shared wait loop: a condition that came true while the test's own process was stalled past
// the deadline is found, not reported as a timeout; one that never holds fails, saying what was seen.
import { describe, expect, it } from 'vitest';
import { pollUntil, WaitTimeoutError, waitUntil } from './eventually.js';

/** Holds the event loop, as a loaded machine can hold a test process between two probes. */
function stall(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('pollUntil', () => {
  it('probes once more after a stall that outlasted the deadline', async () => {
    let probes = 0;
    let ready = false;
    const found = await pollUntil(
      'the flag',
      () => {
        probes++;
        if (probes === 1) {
          // The condition comes true during the stall, after the only probe before the deadline.
          stall(60);
          ready = true;
          return false;
        }
        return ready;
      },
      (value) => value,
      { timeoutMs: 20, intervalMs: 1 },
    );
    expect(found).toBe(true);
    expect(probes).toBe(2);
  });

  it('fails with what it last saw when the condition never holds', async () => {
    const waiting = pollUntil(
      'a count of 3',
      () => ({ count: 1 }),
      (value) => value.count === 3,
      {
        timeoutMs: 30,
        intervalMs: 5,
      },
    );
    await expect(waiting).rejects.toThrow(WaitTimeoutError);
    await expect(waiting).rejects.toThrow('a count of 3 did not happen within 30 ms; last seen {"count":1}');
  });

  it('waitUntil says only what it waited for', async () => {
    await expect(waitUntil('nothing', () => false, { timeoutMs: 10, intervalMs: 2 })).rejects.toThrow(
      /^nothing did not happen within 10 ms$/,
    );
  });
});
