// The delay every clock hands setTimeout: never negative or fractional, and never past the
// 2^31-1 ms Node honours (a longer one fires at once, which would pass a far replay gap early).
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_DELAY_MS, timerDelay } from './timer-delay.js';

describe('the timer delay a clock arms', () => {
  it('is the longest delay Node honours, about 24.8 days', () => {
    expect(MAX_TIMER_DELAY_MS).toBe(2_147_483_647);
  });

  it('is 0 for a time already due, and for one that is not a number', () => {
    expect(timerDelay(0)).toBe(0);
    expect(timerDelay(-1)).toBe(0);
    expect(timerDelay(-Infinity)).toBe(0);
    expect(timerDelay(Number.NaN)).toBe(0);
  });

  it('rounds a fraction up, so a timer never wakes before its time', () => {
    expect(timerDelay(0.2)).toBe(1);
    expect(timerDelay(1)).toBe(1);
    expect(timerDelay(1.5)).toBe(2);
    expect(timerDelay(999.01)).toBe(1000);
  });

  it('is clamped to the longest delay for a far time (the clock re-arms when it wakes)', () => {
    expect(timerDelay(MAX_TIMER_DELAY_MS - 0.5)).toBe(MAX_TIMER_DELAY_MS);
    expect(timerDelay(MAX_TIMER_DELAY_MS)).toBe(MAX_TIMER_DELAY_MS);
    expect(timerDelay(MAX_TIMER_DELAY_MS + 1)).toBe(MAX_TIMER_DELAY_MS);
    expect(timerDelay(696 * 86_400_000)).toBe(MAX_TIMER_DELAY_MS);
    expect(timerDelay(Infinity)).toBe(MAX_TIMER_DELAY_MS);
  });
});
