// ctx.foreachSlide: one callback per slide with every keyed window of one WindowSpec.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ContextStateError,
  InvalidWindowError,
  type KeyedWindow,
  ManualClock,
  StreamingContext,
} from '@hashpulse/engine';

const B = 1000;

function setup() {
  const clock = new ManualClock(0);
  const ctx = new StreamingContext({ batchIntervalMs: B, clock, retentionMs: 120_000 });
  const { source, stream } = ctx.queueSource<string>();
  const spec = ctx.windowSpec({ windowLengthMs: 4000, slideMs: 2000 });
  const counts = stream.countByValueAndWindow(spec);
  const lengths = stream
    .map((v): [string, number] => [v, v.length])
    .reduceByKeyAndWindow({ reduce: (a, b) => a + b, inverse: (a, b) => a - b }, spec);
  return { clock, ctx, source, spec, counts, lengths };
}

const WORDS = ['apple', 'avocado', 'banana', 'blueberry', 'cherry', 'apple', 'banana', 'date'];

function feed(source: { push(v: string, t: number): boolean }, from: number, to: number, step: number) {
  for (let t = from, i = 0; t < to; t += step, i++) source.push(WORDS[(i * 5 + t) % WORDS.length]!, t);
}

type Copy = { end: number; w: number; s: number; entries: Map<string, number> };
const copy = (view: KeyedWindow<string, number>, end: number): Copy => ({
  end,
  w: view.windowLengthMs,
  s: view.slideMs,
  entries: new Map(view),
});

describe('foreachSlide', () => {
  it('gets every window of a slide with the same end, once per slide, equal to per-stream foreachBatch', async () => {
    const { clock, ctx, source, counts, lengths } = setup();
    const slides: Array<{ end: number; views: [Copy, Copy] }> = [];
    const perStream: [Copy[], Copy[]] = [[], []];
    counts.foreachBatch((view, end) => void perStream[0].push(copy(view, end)));
    ctx.foreachSlide([counts, lengths], ([c, l], end) => {
      expect(c.end).toBe(end);
      expect(l.end).toBe(end);
      slides.push({ end, views: [copy(c, end), copy(l, end)] });
    });
    lengths.foreachBatch((view, end) => void perStream[1].push(copy(view, end)));
    await ctx.start();
    feed(source, 0, 20_000, 170);
    await clock.advanceTo(20_000);
    await ctx.stop();

    expect(slides.map(({ end }) => end)).toEqual([
      2000, 4000, 6000, 8000, 10_000, 12_000, 14_000, 16_000, 18_000, 20_000,
    ]);
    expect(slides.map(({ views }) => views[0])).toEqual(perStream[0]);
    expect(slides.map(({ views }) => views[1])).toEqual(perStream[1]);
    expect(slides.some(({ views }) => views[0].entries.size > 2)).toBe(true);
  });

  it('hands the views in the order of the streams given, not the order they were created or registered', async () => {
    const { clock, ctx, source, counts, lengths } = setup();
    const seen: Array<[Copy, Copy]> = [];
    const direct: Copy[] = [];
    // An output registered before foreachSlide, on the stream created last.
    lengths.foreachBatch((view, end) => void direct.push(copy(view, end)));
    ctx.foreachSlide([lengths, counts], ([l, c], end) => void seen.push([copy(l, end), copy(c, end)]));
    await ctx.start();
    feed(source, 0, 8000, 250);
    await clock.advanceTo(8000);
    await ctx.stop();

    expect(seen).toHaveLength(4);
    expect(seen.map(([l]) => l)).toEqual(direct);
    // Values of `lengths` are sums of word lengths, larger than the counts for the same key.
    for (const [l, c] of seen)
      for (const [key, n] of c.entries) expect(l.entries.get(key)!).toBeGreaterThan(n);
  });

  it('awaits an async callback before the next batch', async () => {
    const { clock, ctx, source, counts } = setup();
    const events: string[] = [];
    ctx.foreachSlide([counts], async (_views, end) => {
      events.push(`start ${end}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`end ${end}`);
    });
    counts.foreachBatch((_view, end) => void events.push(`batch ${end}`));
    await ctx.start();
    feed(source, 0, 4000, 500);
    await clock.advanceTo(4000);
    await ctx.stop();
    // Outputs run in registration order, each awaited before the next starts.
    expect(events).toEqual(['start 2000', 'end 2000', 'batch 2000', 'start 4000', 'end 4000', 'batch 4000']);
  });

  it('refuses windows that do not share one WindowSpec', () => {
    const clock = new ManualClock(0);
    const ctx = new StreamingContext({ batchIntervalMs: B, clock });
    const { stream } = ctx.queueSource<string>();
    const config = { windowLengthMs: 4000, slideMs: 2000 };
    const a = stream.countByValueAndWindow(config);
    const b = stream.countByValueAndWindow(config); // equal values, but a spec of its own
    expect(() => ctx.foreachSlide([a, b], () => {})).toThrow(InvalidWindowError);
    expect(() => ctx.foreachSlide([a, b], () => {})).toThrow(
      /foreachSlide needs every window on one WindowSpec, but stream 1 slides on its own \(window 4s, slide 2s\)/,
    );
    expect(() => ctx.foreachSlide([], () => {})).toThrow(ContextStateError);

    const other = new StreamingContext({ batchIntervalMs: B, clock });
    const foreign = other.queueSource<string>().stream.countByValueAndWindow(config);
    expect(() => ctx.foreachSlide([foreign], () => {})).toThrow(/different StreamingContexts/);
  });

  it('keeps one callback per slide across a window reconfiguration, equal to per-stream foreachBatch', async () => {
    const { clock, ctx, source, spec, counts, lengths } = setup();
    const slides: Array<[Copy, Copy]> = [];
    const perStream: [Copy[], Copy[]] = [[], []];
    ctx.foreachSlide([counts, lengths], ([c, l], end) => void slides.push([copy(c, end), copy(l, end)]));
    counts.foreachBatch((view, end) => void perStream[0].push(copy(view, end)));
    lengths.foreachBatch((view, end) => void perStream[1].push(copy(view, end)));
    await ctx.start();
    feed(source, 0, 10_000, 130);
    await clock.advanceTo(10_000);
    spec.update({ windowLengthMs: 9000, slideMs: 3000 });
    feed(source, 10_000, 22_000, 110);
    await clock.advanceTo(22_000);
    spec.update({ windowLengthMs: 2000, slideMs: 1000, batchIntervalMs: 500 });
    feed(source, 22_000, 26_000, 90);
    await clock.advanceTo(26_000);
    await ctx.stop();

    expect(slides.map(([c]) => c)).toEqual(perStream[0]);
    expect(slides.map(([, l]) => l)).toEqual(perStream[1]);
    expect(slides.map(([c]) => [c.end, c.w, c.s])).toEqual([
      [2000, 4000, 2000],
      [4000, 4000, 2000],
      [6000, 4000, 2000],
      [8000, 4000, 2000],
      [10_000, 4000, 2000],
      [12_000, 9000, 3000],
      [15_000, 9000, 3000],
      [18_000, 9000, 3000],
      [21_000, 9000, 3000],
      [23_000, 2000, 1000],
      [24_000, 2000, 1000],
      [25_000, 2000, 1000],
      [26_000, 2000, 1000],
    ]);
    for (const [c, l] of slides) expect([...c.entries.keys()].sort()).toEqual([...l.entries.keys()].sort());
  });

  it('types each view after its stream', () => {
    const { ctx, counts, lengths } = setup();
    const pairs = counts.toStream().map(([k, n]): [number, string] => [n, k]);
    const inverted = pairs.reduceByKeyAndWindow(
      { reduce: (a, b) => a + b },
      { windowLengthMs: 2000, slideMs: 2000 },
    );
    ctx.foreachSlide([counts, lengths], (views, end) => {
      expectTypeOf(views).toEqualTypeOf<
        readonly [KeyedWindow<string, number>, KeyedWindow<string, number>]
      >();
      expectTypeOf(end).toEqualTypeOf<number>();
    });
    ctx.foreachSlide([inverted], ([view]) => {
      expectTypeOf(view).toEqualTypeOf<KeyedWindow<number, string>>();
    });
  });
});
