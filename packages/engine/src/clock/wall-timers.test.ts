// The wall timers the system and replay clocks arm, on fake time: a far callback fires at its
// time and not when Node's longest timer runs out, and nothing stays armed once cancelled or paused.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReplayClock } from './replay-clock.js';
import { SystemClock } from './system-clock.js';
import { MAX_TIMER_DELAY_MS } from './timer-delay.js';

const T0 = 1_700_000_000_000;
const DAY = 86_400_000;

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the system clock on fake wall time', () => {
  it('fires a callback 30 days ahead at its time, not when the longest timer runs out', () => {
    const fired: number[] = [];
    new SystemClock().schedule(T0 + 30 * DAY, () => fired.push(Date.now()));
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS + 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(T0 + 30 * DAY - Date.now());
    expect(fired).toEqual([T0 + 30 * DAY]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fires a callback exactly at its time, once', () => {
    const fired: number[] = [];
    new SystemClock().schedule(T0 + 250, () => fired.push(Date.now()));
    vi.advanceTimersByTime(249);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([T0 + 250]);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([T0 + 250]);
  });

  it('leaves no timer armed once a callback is cancelled, so a far one does not hold the process', () => {
    const cancel = new SystemClock().schedule(T0 + 30 * DAY, () => {});
    expect(vi.getTimerCount()).toBe(1);
    cancel();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the replay clock on fake wall time', () => {
  const replayClock = () => new ReplayClock({ speed: 2, startTime: T0, wallNow: () => Date.now() });

  it('keeps one timer for its earliest callback and none once every callback is cancelled', () => {
    const clock = replayClock();
    const cancelFar = clock.schedule(T0 + 10_000, () => {});
    const cancelNear = clock.schedule(T0 + 1000, () => {});
    expect(vi.getTimerCount()).toBe(1);
    cancelNear();
    expect(vi.getTimerCount()).toBe(1);
    cancelFar();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps no timer while paused, and fires on recording time after the resume', () => {
    const clock = replayClock();
    const fired: number[] = [];
    clock.schedule(T0 + 1000, () => fired.push(clock.now()));
    clock.pause();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(fired).toEqual([]);
    clock.resume();
    vi.advanceTimersByTime(499);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([T0 + 1000]);
  });
});
