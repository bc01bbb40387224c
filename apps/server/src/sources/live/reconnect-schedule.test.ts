import { describe, expect, it } from 'vitest';
import { ReconnectSchedule } from './reconnect-schedule.js';

const take = (schedule: ReconnectSchedule, kind: 'network' | 'http' | 'rate-limit', n: number): number[] =>
  Array.from({ length: n }, () => schedule.next(kind));

describe('reconnect schedule', () => {
  it('retries network errors at once, then 250 ms more per try, up to 16 s', () => {
    const delays = take(new ReconnectSchedule(), 'network', 68);
    expect(delays.slice(0, 5)).toEqual([0, 250, 500, 750, 1000]);
    expect(delays[64]).toBe(16_000);
    expect(delays.slice(65)).toEqual([16_000, 16_000, 16_000]);
  });

  it('retries HTTP errors from 5 s, doubling, up to 320 s', () => {
    expect(take(new ReconnectSchedule(), 'http', 9)).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 320_000, 320_000,
    ]);
  });

  it('retries 429 from a minute, doubling, and never before the announced reset', () => {
    const schedule = new ReconnectSchedule();
    expect(take(schedule, 'rate-limit', 3)).toEqual([60_000, 120_000, 240_000]);
    expect(schedule.next('rate-limit', 900_000)).toBe(900_000);
    expect(schedule.next('rate-limit', 1_000)).toBe(900_000);
  });

  it('starts every schedule over after a healthy connection', () => {
    const schedule = new ReconnectSchedule();
    take(schedule, 'network', 3);
    take(schedule, 'http', 3);
    schedule.reset();
    expect(schedule.next('network')).toBe(0);
    expect(schedule.next('http')).toBe(5_000);
  });

  it('keeps a separate count per kind of failure', () => {
    const schedule = new ReconnectSchedule();
    expect(schedule.next('http')).toBe(5_000);
    expect(schedule.next('network')).toBe(0);
    expect(schedule.next('http')).toBe(10_000);
  });
});
