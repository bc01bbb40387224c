// The replay clock on its own: recording time from wall time at a speed, the callbacks it fires
// on that time (not before, in order, none while paused), and the inputs it refuses.
import { describe, expect, it } from 'vitest';
import { ClockNotStartedError } from '../errors.js';
import { ReplayClock } from './replay-clock.js';

const T0 = 1_700_000_000_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('replay clock time', () => {
  it('has no time before start(t), and runs from t at the speed after it', () => {
    let wall = 50;
    const clock = new ReplayClock({ speed: 4, wallNow: () => wall });
    expect(clock.isStarted()).toBe(false);
    expect(() => clock.now()).toThrow(ClockNotStartedError);
    expect(() => clock.now()).toThrow(/call start\(t\)/);
    clock.start(T0);
    expect(clock.isStarted()).toBe(true);
    wall = 60;
    expect(clock.now()).toBe(T0 + 40);
    expect(clock.getSpeed()).toBe(4);
  });

  it('starts at once with a start time, at 1x by default', () => {
    let wall = 0;
    const clock = new ReplayClock({ startTime: T0, wallNow: () => wall });
    wall = 250;
    expect(clock.now()).toBe(T0 + 250);
    expect(clock.getSpeed()).toBe(1);
  });

  it('can start again at the same or a later time, never an earlier one', () => {
    let wall = 0;
    const clock = new ReplayClock({ startTime: T0, wallNow: () => wall });
    wall = 100;
    clock.start(T0 + 100);
    expect(clock.now()).toBe(T0 + 100);
    expect(() => clock.start(T0 + 99)).toThrow(RangeError);
    expect(() => clock.start(T0 + 99)).toThrow(/cannot go back from .* to .*: shift later passes forward/);
    clock.start(T0 + 5000);
    expect(clock.now()).toBe(T0 + 5000);
  });

  it('stands still while paused; pausing twice or resuming a running clock changes nothing', () => {
    let wall = 0;
    const clock = new ReplayClock({ speed: 2, wallNow: () => wall });
    expect(clock.isPaused()).toBe(false); // not started is not paused
    clock.pause(); // before start: nothing to pause
    expect(clock.isPaused()).toBe(false);
    clock.start(T0);
    wall = 10;
    clock.resume(); // not paused: the clock keeps its base
    expect(clock.now()).toBe(T0 + 20);
    clock.pause();
    clock.pause();
    expect(clock.isPaused()).toBe(true);
    wall = 1000;
    expect(clock.now()).toBe(T0 + 20);
    clock.resume();
    expect(clock.isPaused()).toBe(false);
    wall = 1010;
    expect(clock.now()).toBe(T0 + 40);
  });

  it('changes speed from the current time, also while paused', () => {
    let wall = 0;
    const clock = new ReplayClock({ speed: 2, startTime: T0, wallNow: () => wall });
    wall = 10;
    clock.setSpeed(10);
    wall = 20;
    expect(clock.now()).toBe(T0 + 20 + 100);
    clock.pause();
    clock.setSpeed(1);
    wall = 500;
    expect(clock.now()).toBe(T0 + 120);
    clock.resume();
    wall = 510;
    expect(clock.now()).toBe(T0 + 130);
  });

  it('takes a speed change before the start, and runs at it from the start', () => {
    let wall = 0;
    const clock = new ReplayClock({ wallNow: () => wall });
    clock.setSpeed(5);
    expect(clock.getSpeed()).toBe(5);
    clock.start(T0);
    wall = 10;
    expect(clock.now()).toBe(T0 + 50);
  });

  it('refuses a speed that is not a positive finite number, keeping the one it had', () => {
    for (const speed of [0, -1, Number.NaN, Infinity]) {
      expect(() => new ReplayClock({ speed }), String(speed)).toThrow(
        `replay speed ${speed} must be a positive finite number (1 = real time)`,
      );
      const clock = new ReplayClock({ speed: 3 });
      expect(() => clock.setSpeed(speed)).toThrow(RangeError);
      expect(clock.getSpeed()).toBe(3);
    }
  });
});

describe('replay clock callbacks', () => {
  /** A callback and a promise of the recording time it fired at. */
  function when(clock: ReplayClock): { fn: () => void; fired: Promise<number>; done: () => boolean } {
    let resolve!: (time: number) => void;
    let done = false;
    const fired = new Promise<number>((r) => (resolve = r));
    return {
      fn: () => {
        done = true;
        resolve(clock.now());
      },
      fired,
      done: () => done,
    };
  }

  it('fire in time order once the recording time reaches them, not before', async () => {
    const clock = new ReplayClock({ speed: 1000, startTime: T0 });
    const order: string[] = [];
    const timers = (
      [
        ['b', 20_000],
        ['a', 10_000],
        ['c', 30_000],
      ] as const
    ).map(([name, at]) => {
      const timer = when(clock);
      clock.schedule(T0 + at, () => (order.push(name), timer.fn()));
      return { at, timer };
    });
    const hour = when(clock);
    const cancelHour = clock.schedule(T0 + 3_600_000, hour.fn);
    for (const { at, timer } of timers) expect(await timer.fired).toBeGreaterThanOrEqual(T0 + at);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(hour.done()).toBe(false);
    cancelHour();
  });

  it('wait for the start when scheduled before it', async () => {
    const clock = new ReplayClock({ speed: 1000 });
    const timer = when(clock);
    const started: string[] = [];
    clock.whenStarted(() => started.push('first'));
    clock.schedule(T0 + 5000, timer.fn);
    await sleep(20);
    expect(timer.done()).toBe(false);
    expect(started).toEqual([]);
    clock.start(T0);
    expect(started).toEqual(['first']);
    clock.start(clock.now() + 1000); // a later start is not a first start
    expect(started).toEqual(['first']);
    expect(await timer.fired).toBeGreaterThanOrEqual(T0 + 5000);
    clock.whenStarted(() => started.push('after'));
    await Promise.resolve();
    expect(started).toEqual(['first', 'after']);
  });

  it('do not fire while paused, and fire after resume', async () => {
    const clock = new ReplayClock({ speed: 1000, startTime: T0 });
    const timer = when(clock);
    clock.schedule(T0 + 10_000, timer.fn);
    clock.pause();
    await sleep(50);
    expect(timer.done()).toBe(false);
    clock.resume();
    expect(await timer.fired).toBeGreaterThanOrEqual(T0 + 10_000);
  });

  it('follow a speed change: a far callback comes sooner at a higher speed', async () => {
    const clock = new ReplayClock({ speed: 1, startTime: T0 });
    const timer = when(clock);
    clock.schedule(T0 + 3_600_000, timer.fn);
    await sleep(20);
    expect(timer.done()).toBe(false);
    clock.setSpeed(100_000);
    expect(await timer.fired).toBeGreaterThanOrEqual(T0 + 3_600_000);
  });

  it('never fire once cancelled, while the others still do', async () => {
    const clock = new ReplayClock({ speed: 1000, startTime: T0 });
    const cancelled = when(clock);
    const kept = when(clock);
    const cancel = clock.schedule(T0 + 5000, cancelled.fn);
    clock.schedule(T0 + 10_000, kept.fn);
    cancel();
    await kept.fired;
    expect(cancelled.done()).toBe(false);
  });
});
