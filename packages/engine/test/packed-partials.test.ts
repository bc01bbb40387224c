// Per-batch partials are packed once folded into their window (CompactPartial), for the rest of
// their retention: the windows they leave, and those answered from them after a reconfiguration or
// a recovery, must equal a brute-force recount, and checkpoints must carry them packed.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { type KeyedWindow, ManualClock, PairCounts, StreamingContext } from '@hashpulse/engine';
import { tempDirs } from './fixtures/temp-dirs.js';

const tempDir = tempDirs('engine-packed-');
const add = (a: number[], b: number[]) => a.map((x, i) => x + b[i]!);
const sub = (a: number[], b: number[]) => a.map((x, i) => x - b[i]!);

/**
 * Records: [key, value]; each window holds per key [records, sum of values]. `keysMostlyNew`: the
 * packed partials keep their own keys instead of numbering them for the operator.
 */
function job(checkpointDir?: string, retentionMs = 60_000, keysMostlyNew = false) {
  const clock = new ManualClock(0);
  const ctx = new StreamingContext({
    batchIntervalMs: 1000,
    clock,
    retentionMs,
    ...(checkpointDir ? { checkpointDir, checkpointIntervalMs: 0, checkpointMinWallMs: 0 } : {}),
  });
  const { source, stream } = ctx.queueSource<[string, number]>();
  const win = ctx.windowSpec({ windowLengthMs: 3000, slideMs: 1000 });
  const windows: Array<{ end: number; w: number; values: Map<string, number[]> }> = [];
  const windowed = stream
    .map(([key, value]): [string, number[]] => [key, [1, value]])
    .reduceByKeyAndWindow({ reduce: add, inverse: sub, isZero: (v) => v[0] === 0, keysMostlyNew }, win);
  windowed.foreachBatch((w: KeyedWindow<string, number[]>, end) => {
    windows.push({ end, w: w.windowLengthMs, values: new Map(w) });
  });
  /** Keys the operator has numbered for its packed partials. */
  const numberedKeys = () => (windowed.node as unknown as { packedKeys: { size: number } }).packedKeys.size;
  return { clock, ctx, source, win, windows, numberedKeys };
}

/** Every record pushed, by time, for the brute-force recount. */
const FEED: Array<[number, string, number]> = [];
for (let t = 0, i = 0; t < 40_000; t += 70, i++) FEED.push([t, 'abcde'[(i * 3) % 5]!, (i % 7) * 0.1]);

function recount(end: number, w: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [time, key, value] of FEED) {
    // A batch ending at `b` holds records in [b − 1000, b); the window holds batches in (end − w, end].
    const batchEnd = Math.floor(time / 1000) * 1000 + 1000;
    if (batchEnd <= end - w || batchEnd > end) continue;
    out.set(key, add(out.get(key) ?? [0, 0], [1, value]));
  }
  return out;
}

function feed(source: { push(v: [string, number], t: number): boolean }, from: number, to: number) {
  for (const [time, key, value] of FEED) if (time >= from && time < to) source.push([key, value], time);
}

function expectRecounted(windows: Array<{ end: number; w: number; values: Map<string, number[]> }>) {
  expect(windows.length).toBeGreaterThan(20);
  for (const { end, w, values } of windows) {
    const expected = recount(end, w);
    expect([...values.keys()].sort(), `window ending ${end}`).toEqual([...expected.keys()].sort());
    for (const [key, vector] of expected) {
      expect(values.get(key)![0], `${key} in the window ending ${end}`).toBe(vector[0]);
      expect(values.get(key)![1]).toBeCloseTo(vector[1]!, 9);
    }
  }
}

/** The window operator's per-batch partials in the newest checkpoint of `dir`. */
async function checkpointedPartials(dir: string): Promise<Array<[number, unknown]>> {
  const newest = (await readdir(dir))
    .filter((name) => name.endsWith('.bin'))
    .sort()
    .at(-1)!;
  const payload = v8.deserialize((await readFile(path.join(dir, newest))).subarray(38)) as {
    nodes: Array<{ kind: string; state: { partials?: Array<[number, unknown]> } }>;
  };
  return payload.nodes.find((node) => node.kind === 'reduceByKeyAndWindow')!.state.partials!;
}

describe.each([
  ['numbered for the operator', false],
  ['keeping their own keys (keysMostlyNew)', true],
])('packed per-batch partials, %s,', (_, keysMostlyNew) => {
  it('answer a window grown past them exactly as a recount does', async () => {
    const { clock, ctx, source, win, windows, numberedKeys } = job(undefined, 60_000, keysMostlyNew);
    await ctx.start();
    feed(source, 0, 20_000);
    await clock.advanceTo(20_000);
    expect(numberedKeys()).toBe(keysMostlyNew ? 0 : 5);
    win.update({ windowLengthMs: 15_000, slideMs: 1000 }); // reaches 12 s back into packed partials
    feed(source, 20_000, 40_000);
    await clock.advanceTo(40_000);
    await ctx.stop({ graceful: true });
    expect(windows.some((w) => w.w === 15_000)).toBe(true);
    expectRecounted(windows);
  });

  it('are written packed into checkpoints and answer a grown window after a recovery', async () => {
    const dir = await tempDir();
    const first = job(dir, 60_000, keysMostlyNew);
    await first.ctx.start();
    feed(first.source, 0, 20_000);
    await first.clock.advanceTo(20_000);
    await first.ctx.stop({ graceful: true });

    const partials = await checkpointedPartials(dir);
    const packed = partials.filter(([, part]) => !(part instanceof Map));
    // Batches 1..20 s retained, every one packed: the window state holds its own values.
    expect(partials.length).toBe(20);
    expect(packed.length).toBe(20);
    expect(packed[0]![1]).toMatchObject({ packed: 1, width: 2 });

    const second = job(dir, 60_000, keysMostlyNew);
    const ctx = await StreamingContext.getOrCreate(dir, () => second.ctx);
    expect(ctx.recoveredFrom).toBe(20_000);
    expect(second.numberedKeys()).toBe(keysMostlyNew ? 0 : 5);
    await ctx.start();
    second.win.update({ windowLengthMs: 15_000, slideMs: 1000 });
    feed(second.source, 0, 40_000); // the source skips the records the checkpoint holds
    await second.clock.advanceTo(40_000);
    await ctx.stop({ graceful: true });
    expect(second.windows.some((w) => w.w === 15_000)).toBe(true);
    expectRecounted([...first.windows, ...second.windows]);
  });

  it('are left as they are when nothing outlives the window: each is dropped as it leaves', async () => {
    const dir = await tempDir();
    const only = job(dir, 3000, keysMostlyNew); // retention = the window's 3 s, no roll-up tiers
    await only.ctx.start();
    feed(only.source, 0, 30_000);
    await only.clock.advanceTo(30_000);
    await only.ctx.stop({ graceful: true });
    const partials = await checkpointedPartials(dir);
    expect(partials.length).toBe(3);
    expect(partials.every(([, part]) => part instanceof Map)).toBe(true);
    expectRecounted(only.windows);
  });
});

describe('the window state over packed partials', () => {
  it('holds them by their key numbers, and gives way to a keyed state when a batch packs to another width', async () => {
    // Vectors summed slot by slot, a missing slot counting as 0: batches in [10 s, 20 s) carry
    // three numbers per key, the others two, so their packed partials have another width.
    const addAny = (a: number[], b: number[]) =>
      Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
    const subAny = (a: number[], b: number[]) =>
      Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) - (b[i] ?? 0));
    const vectorAt = (time: number, value: number) =>
      time >= 10_000 && time < 20_000 ? [1, value, 2] : [1, value];
    const clock = new ManualClock(0);
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, retentionMs: 60_000 });
    const { source, stream } = ctx.queueSource<[string, number, number]>();
    const windowed = stream
      .map(([key, value, time]): [string, number[]] => [key, vectorAt(time, value)])
      .reduceByKeyAndWindow(
        { reduce: addAny, inverse: subAny, isZero: (v) => v[0] === 0 },
        ctx.windowSpec({ windowLengthMs: 3000, slideMs: 1000 }),
      );
    const node = windowed.node as unknown as { state: unknown; packedState: unknown };
    const seen: Array<{ end: number; packed: boolean; values: Map<string, number[]> }> = [];
    windowed.foreachBatch((w: KeyedWindow<string, number[]>, end) => {
      seen.push({ end, packed: node.state === node.packedState, values: new Map(w) });
    });
    await ctx.start();
    for (const [time, key, value] of FEED) source.push([key, value, time], time);
    await clock.advanceTo(40_000);
    await ctx.stop({ graceful: true });

    for (const { end, values } of seen) {
      const expected = new Map<string, number[]>();
      for (const [time, key, value] of FEED) {
        const batchEnd = Math.floor(time / 1000) * 1000 + 1000;
        if (batchEnd > end - 3000 && batchEnd <= end)
          expected.set(key, addAny(expected.get(key) ?? [], vectorAt(time, value)));
      }
      expect([...values.keys()].sort(), `window ending ${end}`).toEqual([...expected.keys()].sort());
      // An incremental window keeps a third slot at 0 once a three-number batch has left it.
      for (const [key, vector] of expected) {
        const got = values.get(key)!;
        for (let i = 0; i < 3; i++)
          expect(got[i] ?? 0, `${key}[${i}] in the window ending ${end}`).toBeCloseTo(vector[i] ?? 0, 9);
      }
    }
    // Packed until the first three-number batch enters (the window ending 11 s), keyed from then on.
    expect(seen.filter((w) => w.end <= 10_000).every((w) => w.packed)).toBe(true);
    expect(seen.filter((w) => w.end > 10_000).every((w) => !w.packed)).toBe(true);
  });

  it('keep no key hashes of partials counted as pairs once the minute roll-up has read them', async () => {
    const clock = new ManualClock(0);
    const ctx = new StreamingContext({
      batchIntervalMs: 1000,
      clock,
      retentionMs: 60_000,
      history: [{ resolutionMs: 60_000, retentionMs: 3_600_000 }],
    });
    const { source, stream } = ctx.queueSource<[string, number]>();
    const win = ctx.windowSpec({ windowLengthMs: 3000, slideMs: 1000 });
    const made: Array<ReadonlyMap<string, number>> = [];
    const windowed = stream.combineByKeyAndWindow(
      (records) => {
        const counts = new PairCounts('\u0001');
        for (const [key] of records) counts.add(key, 'author');
        const partial = counts.take();
        made.push(partial);
        return partial;
      },
      { reduce: (a, b) => a + b, inverse: (a, b) => a - b, sums: true, keysMostlyNew: true },
      win,
    );
    const windows: Array<Map<string, number>> = [];
    windowed.foreachBatch((w: KeyedWindow<string, number>) => void windows.push(new Map(w)));
    await ctx.start();
    feed(source, 0, 20_000);
    await clock.advanceTo(20_000);
    await ctx.stop({ graceful: true });
    const hashes = (part: ReadonlyMap<string, number>) =>
      (part as unknown as { inline: { keyHashes: Int32Array | null } }).inline.keyHashes;
    expect(made.length).toBe(20);
    expect(made.every((part) => hashes(part) === null)).toBe(true);
    // The same window a recount gives: [records] per key.
    expect(windows.at(-1)).toEqual(
      new Map([...recount(20_000, 3000)].map(([key, [n]]) => [`${key}\u0001author`, n!])),
    );
  });
});
