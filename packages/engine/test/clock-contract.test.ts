// The context needs only the Clock interface: clocks written elsewhere (not the engine's classes)
// get the same treatment, virtual or wall.
import { describe, expect, it } from 'vitest';
import {
  ManualClock,
  ReplayClock,
  type Source,
  type SourceSink,
  StreamingContext,
  type VirtualClock,
  type WallClock,
} from '@hashpulse/engine';

/** A virtual clock of our own, delegating to a ManualClock it does not extend. */
function foreignVirtualClock(): VirtualClock {
  const inner = new ManualClock();
  return {
    virtual: true,
    now: () => inner.now(),
    isStarted: () => inner.isStarted(),
    whenStarted: (fn) => inner.whenStarted(fn),
    schedule: (time, fn) => inner.schedule(time, fn),
    tick: (time) => inner.tick(time),
    advanceTo: (time) => inner.advanceTo(time),
    addDrainHook: (hook) => inner.addDrainHook(hook),
  };
}

async function countJob(clock: VirtualClock, maxBufferedRecords: number) {
  const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, maxBufferedRecords });
  const { source, stream } = ctx.queueSource<string>();
  const out: Array<[number, Array<[string, number]>]> = [];
  stream
    .countByValueAndWindow({ windowLengthMs: 3000, slideMs: 1000 })
    .foreachBatch((w, end) => void out.push([end, [...w].sort()]));
  await ctx.start();
  let accepted = 0;
  for (let t = 10_000; t < 20_000; t += 7) if (source.push(t % 3 === 0 ? 'a' : 'b', t)) accepted++;
  await ctx.advanceToLastWindow();
  await ctx.stop();
  return { out, accepted };
}

describe('the Clock interface', () => {
  it('a virtual clock that is not a ManualClock advances with the records, drains and leaves open batches unbounded', async () => {
    // 1429 records and a bound of 100: an open batch (~143 records) would overflow a wall clock's bound.
    const foreign = await countJob(foreignVirtualClock(), 100);
    const manual = await countJob(new ManualClock(), 100);
    expect(foreign.accepted).toBe(1429);
    expect(foreign).toEqual(manual);
    expect(foreign.out.at(-1)![0]).toBe(22_000);
  });

  it('backpressure reads a wall clock speed through the interface', async () => {
    const replay = new ReplayClock({ speed: 10 });
    let speedReads = 0;
    const clock: WallClock = {
      virtual: false,
      now: () => replay.now(),
      isStarted: () => replay.isStarted(),
      whenStarted: (fn) => replay.whenStarted(fn),
      schedule: (time, fn) => replay.schedule(time, fn),
      getSpeed: () => (speedReads++, replay.getSpeed()),
    };
    const ctx = new StreamingContext({ batchIntervalMs: 100, clock });
    const limits: Array<number | null> = [];
    let sink!: SourceSink<number>;
    const source: Source<number> = {
      name: 'replay',
      start: (s) => void (sink = s),
      stop: () => {},
      setRateLimit: (rate) => void limits.push(rate),
    };
    let batches = 0;
    let done!: () => void;
    const enough = new Promise<void>((resolve) => (done = resolve));
    ctx.source(source).foreachBatch(async () => {
      await new Promise((resolve) => setTimeout(resolve, 40)); // slower than 10 ms of wall time per batch
      if (++batches === 5) done();
    });
    await ctx.start();
    replay.start(1_000_000);
    const feeder = setInterval(() => {
      for (let i = 0; i < 50; i++) sink.push(i);
    }, 5);
    await enough;
    clearInterval(feeder);
    await ctx.stop();
    expect(speedReads).toBeGreaterThan(0);
    expect(limits[0]).not.toBeNull();
  });
});
