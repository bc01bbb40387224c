// The manual clock on its own: it starts at its first advance, never goes back, fires what is due
// in order (a timer already due fires without an advance), and waits for its drain hooks.
import { describe, expect, it } from 'vitest';
import { ClockNotStartedError } from '../errors.js';
import { ManualClock } from './manual-clock.js';
import { SystemClock } from './system-clock.js';

describe('the manual clock', () => {
  it('has no time until its first advance, or the start time it was given', async () => {
    const clock = new ManualClock();
    expect(clock.isStarted()).toBe(false);
    expect(() => clock.now()).toThrow(ClockNotStartedError);
    expect(() => clock.now()).toThrow(/has no time yet/);
    expect(() => clock.advanceBy(10)).toThrow(ClockNotStartedError);
    const started: number[] = [];
    clock.whenStarted(() => started.push(clock.now()));
    clock.tick(5000);
    expect(started).toEqual([5000]);
    expect(clock.isStarted()).toBe(true);
    expect(new ManualClock(42).now()).toBe(42);
    expect(new ManualClock(0).isStarted()).toBe(true);
  });

  it('moves only forward: an earlier time changes nothing', async () => {
    const clock = new ManualClock(1000);
    clock.tick(500);
    expect(clock.now()).toBe(1000);
    await clock.advanceTo(2000);
    await clock.advanceBy(500);
    expect(clock.now()).toBe(2500);
  });

  it('fires every callback due by the new time, in time order, and none due later', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.schedule(300, () => fired.push('c'));
    clock.schedule(100, () => fired.push('a'));
    clock.schedule(200, () => fired.push('b'));
    clock.schedule(301, () => fired.push('late'));
    clock.tick(300);
    expect(fired).toEqual(['a', 'b', 'c']);
    clock.tick(301);
    expect(fired).toEqual(['a', 'b', 'c', 'late']);
  });

  it('fires a callback scheduled by a firing callback within the same advance when it is due', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.schedule(100, () => {
      fired.push('first');
      clock.schedule(150, () => fired.push('chained'));
      clock.schedule(500, () => fired.push('later'));
    });
    clock.tick(200);
    expect(fired).toEqual(['first', 'chained']);
  });

  it('fires a callback scheduled at or before the current time soon, without an advance', async () => {
    for (const [at, name] of [
      [1000, 'now'],
      [400, 'past'],
    ] as const) {
      const clock = new ManualClock(1000);
      const fired: string[] = [];
      clock.schedule(at, () => fired.push(name));
      expect(fired).toEqual([]);
      await Promise.resolve();
      expect(fired).toEqual([name]);
    }
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.schedule(1001, () => fired.push('future'));
    await Promise.resolve();
    expect(fired).toEqual([]);
  });

  it('is not started by a callback scheduled before its first advance', async () => {
    const clock = new ManualClock();
    const started: string[] = [];
    const fired: string[] = [];
    clock.whenStarted(() => started.push('started'));
    clock.schedule(1000, () => fired.push('timer'));
    await Promise.resolve();
    await Promise.resolve();
    expect(clock.isStarted()).toBe(false);
    expect(started).toEqual([]);
    expect(fired).toEqual([]);
    clock.tick(1000);
    expect(started).toEqual(['started']);
    expect(fired).toEqual(['timer']);
  });

  it('runs a start waiter added after the start soon (a microtask)', async () => {
    const clock = new ManualClock(1000);
    const started: number[] = [];
    clock.whenStarted(() => started.push(clock.now()));
    expect(started).toEqual([]);
    await Promise.resolve();
    expect(started).toEqual([1000]);
  });

  it('finishes a firing callback before the next one, even when that callback advances the clock', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.schedule(100, () => {
      fired.push('a');
      clock.tick(300);
      fired.push('a done');
    });
    clock.schedule(200, () => fired.push('b'));
    clock.schedule(300, () => fired.push('c'));
    clock.tick(100);
    expect(fired).toEqual(['a', 'a done', 'b', 'c']);
    expect(clock.now()).toBe(300);
  });

  it('does not fire a cancelled callback', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    const cancel = clock.schedule(100, () => fired.push('cancelled'));
    clock.schedule(100, () => fired.push('kept'));
    cancel();
    clock.tick(100);
    expect(fired).toEqual(['kept']);
  });

  it('waits in advanceTo for every drain hook, handing them the time reached; a detached hook is not called', async () => {
    const clock = new ManualClock(1000);
    const calls: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    clock.addDrainHook(async (time) => {
      calls.push(`slow ${time}`);
      await gate;
      calls.push('slow done');
    });
    const detach = clock.addDrainHook(async (time) => void calls.push(`detached ${time}`));
    detach();
    const advanced = clock.advanceTo(500).then(() => calls.push('advanced'));
    await Promise.resolve();
    expect(calls).toEqual(['slow 1000']);
    release();
    await advanced;
    expect(calls).toEqual(['slow 1000', 'slow done', 'advanced']);
  });
});

describe('the system clock', () => {
  it('is wall time at 1x, started from the outset', async () => {
    const clock = new SystemClock();
    const before = Date.now();
    const now = clock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    expect(clock.getSpeed()).toBe(1);
    expect(clock.isStarted()).toBe(true);
    const started: string[] = [];
    clock.whenStarted(() => started.push('started'));
    expect(started).toEqual([]);
    await Promise.resolve();
    expect(started).toEqual(['started']);
  });

  it('fires a callback no sooner than its wall time, and never once cancelled', async () => {
    const clock = new SystemClock();
    const due = Date.now() + 30;
    const firedAt = await new Promise<number>((resolve) => clock.schedule(due, () => resolve(Date.now())));
    expect(firedAt).toBeGreaterThanOrEqual(due);
    let cancelledFired = false;
    const cancel = clock.schedule(Date.now() + 10, () => (cancelledFired = true));
    cancel();
    await new Promise<void>((resolve) => clock.schedule(Date.now() + 40, resolve));
    expect(cancelledFired).toBe(false);
  });
});
