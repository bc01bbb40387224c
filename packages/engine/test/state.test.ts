import { describe, expect, it } from 'vitest';
import { type KeyState, ManualClock, StreamingContext } from '@hashpulse/engine';

function setup() {
  const clock = new ManualClock(0);
  const ctx = new StreamingContext({ batchIntervalMs: 1000, clock });
  const { source, stream } = ctx.queueSource<[string, number]>();
  return { clock, ctx, source, stream };
}

describe('updateStateByKey', () => {
  it('keeps a running total per key across batches and removes keys the update drops', async () => {
    const { clock, ctx, source, stream } = setup();
    const out: Array<Array<[string, number]>> = [];
    stream
      .updateStateByKey<string, number, number>((values, total) => {
        const next = values.reduce((a, b) => a + b, total ?? 0);
        return next >= 10 ? undefined : next; // a key reaching 10 is done
      })
      .foreachBatch((r) => void out.push([...r]));
    await ctx.start();
    source.push(['a', 1], 100);
    source.push(['b', 2], 200);
    source.push(['a', 3], 300);
    source.push(['b', 9], 1100);
    source.push(['c', 5], 2100);
    await clock.advanceTo(3000);
    expect(out).toEqual([
      [
        ['a', 4],
        ['b', 2],
      ],
      [['a', 4]],
      [
        ['a', 4],
        ['c', 5],
      ],
    ]);
    await ctx.stop();
  });
});

describe('mapWithState', () => {
  it('maps records with their key state and times idle keys out once, per key', async () => {
    const { clock, ctx, source, stream } = setup();
    const events: string[] = [];
    const sessions = stream.mapWithState<string, number, number, string>({
      timeoutMs: 2000,
      initialState: [['z', 100]],
      fn: (key, value, state: KeyState<number>, time) => {
        if (state.isTimingOut()) return `${key} timed out at ${time} with ${state.get()}`;
        const total = (state.getOption() ?? 0) + value!;
        if (value! < 0) {
          state.remove();
          return `${key} closed`;
        }
        state.update(total);
        return `${key}=${total}`;
      },
    });
    sessions.foreachBatch((r) => void events.push(...r));
    const snapshots: Array<Array<[string, number]>> = [];
    sessions.stateSnapshots().foreachBatch((r) => void snapshots.push([...r]));
    await ctx.start();
    source.push(['a', 1], 100); // batch 1000
    source.push(['b', 5], 200);
    source.push(['a', 2], 1500); // batch 2000: a seen again
    source.push(['b', -1], 2500); // batch 3000: b closed explicitly before its timeout
    await clock.advanceTo(6000);
    expect(events).toEqual([
      'a=1',
      'b=5',
      'a=3',
      'b closed',
      'z timed out at 3000 with 100', // initial state idle since the first batch (1000)
      'a timed out at 4000 with 3', // last record in batch 2000
    ]);
    expect(snapshots).toEqual([
      [
        ['z', 100],
        ['a', 1],
        ['b', 5],
      ],
      [
        ['z', 100],
        ['b', 5],
        ['a', 3],
      ],
      [['a', 3]],
      [],
      [],
      [],
    ]);
    await ctx.stop();
  });
});
