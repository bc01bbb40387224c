// The context's events: a typed node:events EventEmitter (ctx.events), with StreamingListener
// objects on top, and the same failure semantics as before.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BatchInfo, ListenerError, ManualClock, StreamingContext } from '@hashpulse/engine';

function setup() {
  const clock = new ManualClock(0);
  const ctx = new StreamingContext({ batchIntervalMs: 1000, clock });
  const { source, stream } = ctx.queueSource<string>();
  const seen: number[] = [];
  stream.foreachBatch((_records, time) => void seen.push(time));
  return { clock, ctx, source, seen };
}

afterEach(() => vi.restoreAllMocks());

describe('context events', () => {
  it('ctx.events carries every batch event, in order, to on/once/off listeners', async () => {
    const { clock, ctx, source } = setup();
    const log: string[] = [];
    const completed = (info: Readonly<BatchInfo>) => void log.push(`completed ${info.batchTime}`);
    ctx.events.on('batchSubmitted', (info) => void log.push(`submitted ${info.batchTime}`));
    ctx.events.once('batchStarted', (info) => void log.push(`first start ${info.batchTime}`));
    ctx.events.on('batchCompleted', completed);
    ctx.events.on('stopped', () => void log.push('stopped'));
    await ctx.start();
    source.push('a', 500);
    await clock.advanceTo(1000);
    await clock.advanceTo(2000);
    ctx.events.off('batchCompleted', completed);
    await clock.advanceTo(3000);
    await ctx.stop();
    expect(log).toEqual([
      'submitted 1000',
      'first start 1000',
      'completed 1000',
      'submitted 2000',
      'completed 2000',
      'submitted 3000',
      'stopped',
    ]);
  });

  it('a throwing listener stops the context with a ListenerError, and the other listeners still hear the event', async () => {
    const { clock, ctx, source } = setup();
    const errors: Error[] = [];
    const after: number[] = [];
    ctx.addListener({
      onBatchCompleted: () => {
        throw new Error('listener bug');
      },
    });
    ctx.events.on('batchCompleted', (info) => void after.push(info.batchTime));
    ctx.addListener({ onError: (error) => void errors.push(error) });
    await ctx.start();
    source.push('a', 500);
    await expect(clock.advanceTo(1000)).rejects.toThrow(ListenerError);
    await expect(ctx.awaitTermination()).rejects.toThrow(
      "a StreamingListener's onBatchCompleted threw: listener bug",
    );
    expect(after).toEqual([1000]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ListenerError);
    expect((errors[0] as ListenerError).code).toBe('HP_ERR_ENGINE_LISTENER');
    expect(ctx.state).toBe('stopped');
  });

  it('an error or stopped listener that throws is only logged', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { ctx } = setup();
    ctx.events.on('stopped', () => {
      throw new Error('stop listener bug');
    });
    await ctx.start();
    await ctx.stop();
    await expect(ctx.awaitTermination()).resolves.toBeUndefined();
    expect(logged).toHaveBeenCalledWith("[engine] a StreamingListener's onStopped threw: stop listener bug");
  });

  it('warnings go to console.warn when nobody listens, and only to listeners otherwise', async () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const clock = new ManualClock(0);
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock });
    let sink!: { warn(message: string): void };
    ctx
      .source<number>({ name: 'noisy', start: (s) => void (sink = s), stop: () => {} })
      .foreachBatch(() => {});
    await ctx.start();
    sink.warn('first');
    expect(warned).toHaveBeenCalledWith('[engine] first');
    const heard: string[] = [];
    const remove = ctx.addListener({ onWarning: (warning) => void heard.push(warning.message) });
    sink.warn('second');
    remove();
    sink.warn('third');
    expect(heard).toEqual(['second']);
    expect(warned.mock.calls.map(([message]) => message)).toEqual(['[engine] first', '[engine] third']);
    await ctx.stop();
  });

  it('the error that stopped the context is printed when nobody listens to it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { clock, ctx, source } = setup();
    ctx.queueSource<string>('other').stream.foreachBatch(() => {
      throw new Error('output bug');
    });
    await ctx.start();
    source.push('a', 500);
    await expect(clock.advanceTo(1000)).rejects.toThrow('output bug');
    expect(
      logged.mock.calls.some(([line]) => /^\[engine\] BatchFailedError: .*output bug/.test(String(line))),
    ).toBe(true);
  });

  it('a listener object added twice listens once, and its remover unsubscribes every method', async () => {
    const { clock, ctx, source } = setup();
    const calls: string[] = [];
    const listener = {
      onBatchStarted: (info: Readonly<BatchInfo>) => void calls.push(`started ${info.batchTime}`),
      onBatchCompleted: (info: Readonly<BatchInfo>) => void calls.push(`completed ${info.batchTime}`),
    };
    const remove = ctx.addListener(listener);
    expect(ctx.addListener(listener)).toBe(remove);
    await ctx.start();
    source.push('a', 500);
    await clock.advanceTo(1000);
    remove();
    expect(ctx.events.listenerCount('batchStarted') + ctx.events.listenerCount('batchCompleted')).toBe(0);
    await clock.advanceTo(2000);
    await ctx.stop();
    expect(calls).toEqual(['started 1000', 'completed 1000']);
  });
});
