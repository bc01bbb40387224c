// The pending callbacks a clock fires itself: in time order, ties in the order scheduled, and a
// cancelled one never fires (cancelling twice, or after it fired, removes nothing else).
import { describe, expect, it } from 'vitest';
import { StartWaiters } from './start-waiters.js';
import { TimerQueue } from './timer-queue.js';

/** Fires every callback due by `time`, as a clock does. */
function drain(queue: TimerQueue, time: number): void {
  for (let fn = queue.takeDue(time); fn; fn = queue.takeDue(time)) fn();
}

describe('the timer queue', () => {
  it('hands out due callbacks earliest first, ties in the order they were scheduled', () => {
    const queue = new TimerQueue();
    const fired: string[] = [];
    for (const [time, name] of [
      [300, 'c'],
      [100, 'a1'],
      [200, 'b'],
      [100, 'a2'],
      [300, 'd'],
    ] as const)
      queue.add(time, () => fired.push(name));
    expect(queue.size).toBe(5);
    expect(queue.nextTime()).toBe(100);
    drain(queue, 200);
    expect(fired).toEqual(['a1', 'a2', 'b']);
    expect(queue.nextTime()).toBe(300);
    drain(queue, 1000);
    expect(fired).toEqual(['a1', 'a2', 'b', 'c', 'd']);
    expect(queue.size).toBe(0);
    expect(queue.nextTime()).toBeUndefined();
  });

  it('hands out a callback due exactly now, and none that is due later', () => {
    const queue = new TimerQueue();
    const fn = (): void => {};
    queue.add(500, fn);
    expect(queue.takeDue(499)).toBeUndefined();
    expect(queue.size).toBe(1);
    expect(queue.takeDue(500)).toBe(fn);
    expect(queue.takeDue(500)).toBeUndefined();
  });

  it('drops a cancelled callback, and cancelling again or after it fired removes nothing else', () => {
    const queue = new TimerQueue();
    const fired: string[] = [];
    const cancelA = queue.add(100, () => fired.push('a'));
    const cancelB = queue.add(200, () => fired.push('b'));
    queue.add(300, () => fired.push('c'));
    cancelB();
    cancelB();
    expect(queue.size).toBe(2);
    drain(queue, 100);
    cancelA();
    expect(queue.size).toBe(1);
    drain(queue, 1000);
    expect(fired).toEqual(['a', 'c']);
  });
});

describe('waiting for a clock to start', () => {
  it('runs the waiters once, in order, when the clock starts, and not the cancelled one', () => {
    const waiters = new StartWaiters();
    const ran: string[] = [];
    waiters.add(() => ran.push('a'), false);
    const cancel = waiters.add(() => ran.push('b'), false);
    waiters.add(() => ran.push('c'), false);
    cancel();
    cancel();
    expect(ran).toEqual([]);
    waiters.release();
    expect(ran).toEqual(['a', 'c']);
    waiters.release();
    expect(ran).toEqual(['a', 'c']);
  });

  it('drops the first waiter when it is cancelled', () => {
    const waiters = new StartWaiters();
    const ran: string[] = [];
    const cancel = waiters.add(() => ran.push('first'), false);
    waiters.add(() => ran.push('second'), false);
    cancel();
    waiters.release();
    expect(ran).toEqual(['second']);
  });

  it('runs a waiter added after the start soon (a microtask), not while it is being added', async () => {
    const waiters = new StartWaiters();
    const ran: string[] = [];
    waiters.add(() => ran.push('late'), true);
    expect(ran).toEqual([]);
    await Promise.resolve();
    expect(ran).toEqual(['late']);
    waiters.release();
    expect(ran).toEqual(['late']);
  });
});
