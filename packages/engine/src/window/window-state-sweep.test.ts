// The window state's memory follows the keys in the window, not every key that ever passed
// through it: emptied slots are swept and handed to new keys, and values are kept per slot.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/seeded-random.js';
import { KeyedWindowState } from './keyed-window-state.js';
import type { KeyedReducer, ResolvedPartial } from './window-state.js';

const info = { start: 0, end: 1, windowLengthMs: 1, slideMs: 1 };

/** Batches over a drifting key range: thousands of keys leave the window and new ones arrive. */
function drifting(batches: number, seed: number): Map<string, number>[] {
  const random = seededRandom(seed);
  return Array.from({ length: batches }, (_, b) => {
    const part = new Map<string, number>();
    for (let i = 0; i < 1500; i++) part.set(`k${b * 400 + Math.floor(random() * 2000)}`, 1);
    return part;
  });
}

describe('window state memory', () => {
  it('emptied slots are swept and reused, so slots stay near the live keys however many keys pass', () => {
    const reducer: KeyedReducer<number> = { reduce: (a, b) => a + b, inverse: (a, b) => a - b };
    const parts = drifting(60, 4);
    const state = new KeyedWindowState<string, number>(reducer);
    const width = 5;
    const resolved: ResolvedPartial[] = [];
    const everSeen = new Set<string>();
    let mostLive = 0;
    for (let b = 0; b < parts.length; b++) {
      if (b >= width) state.remove(parts[b - width]!, resolved[b - width]);
      resolved[b] = state.add(parts[b]!);
      for (const key of parts[b]!.keys()) everSeen.add(key);
      mostLive = Math.max(mostLive, state.liveKeys);
      // Slack: keys emptied but not yet swept (up to a quarter of the live ones plus 1024) and
      // the entering batch's new keys.
      expect(state.slotCount).toBeLessThanOrEqual(mostLive + (mostLive + 1024) / 4 + 1500);
    }
    expect(everSeen.size).toBeGreaterThan(3 * state.slotCount);
    expect(state.liveKeys).toBe(state.view(info).size);
  });

  it('a key that comes back before a sweep keeps counting correctly', () => {
    const reducer: KeyedReducer<number> = { reduce: (a, b) => a + b, inverse: (a, b) => a - b };
    const state = new KeyedWindowState<string, number>(reducer);
    // 3000 keys leave at once, which triggers a sweep, while one of them re-enters first.
    const leaving = new Map(Array.from({ length: 3000 }, (_, i) => [`old${i}`, 1] as const));
    const slots = state.add(leaving);
    state.add(new Map([['old7', 5]]));
    const back = new Map([['old42', 2]]);
    state.remove(leaving, slots);
    const backSlots = state.add(back);
    const view = state.view(info);
    expect(view.size).toBe(2);
    expect(view.get('old7')).toBe(5);
    expect(view.get('old42')).toBe(2);
    expect(view.has('old0')).toBe(false);
    state.remove(back, backSlots);
    expect([...state.view(info)]).toEqual([['old7', 5]]);
  });
});
