import { describe, expect, it } from 'vitest';
import { LIMITS, initialState, reducer, type DashboardState } from './reducer';
import {
  batchMetrics,
  feedTweet,
  publicConfig,
  snapshot,
  sourceStatus,
  windowUpdate,
} from '../testing/fixtures';

const T0 = 1_700_000_000_000;

function withSnapshot(): DashboardState {
  return reducer(initialState, { type: 'snapshot', snapshot: snapshot() });
}

describe('dashboard state', () => {
  it('a snapshot replaces everything the dashboard shows, feed newest first', () => {
    const state = withSnapshot();
    expect(state.config).toEqual(publicConfig());
    expect(state.windows.map((w) => w.end)).toEqual([T0 + 5000, T0 + 10_000]);
    expect(state.feed.map((t) => t.id)).toEqual(['2', '1']);
    const again = reducer(state, {
      type: 'snapshot',
      snapshot: snapshot({ windows: [windowUpdate(T0 + 99_000, [['x', 1]])], feed: [] }),
    });
    expect(again.windows.map((w) => w.end)).toEqual([T0 + 99_000]);
    expect(again.feed).toEqual([]);
  });

  it('window history keeps only the most recent windows, oldest first', () => {
    let state = initialState;
    for (let i = 0; i < LIMITS.windows + 30; i += 1) {
      state = reducer(state, { type: 'window', update: windowUpdate(T0 + i * 5000, [['a', i]]) });
    }
    expect(state.windows).toHaveLength(LIMITS.windows);
    expect(state.windows[0]!.end).toBe(T0 + 30 * 5000);
    expect(state.windows.at(-1)!.end).toBe(T0 + (LIMITS.windows + 29) * 5000);
  });

  it('a window resent for the same end replaces the old one instead of duplicating it', () => {
    let state = withSnapshot();
    const recomputed = windowUpdate(T0 + 10_000, [['new', 9]], {
      batchIntervalMs: 1000,
      windowLengthMs: 10_000,
      slideMs: 5000,
    });
    state = reducer(state, { type: 'window', update: recomputed });
    expect(state.windows).toHaveLength(2);
    expect(state.windows.at(-1)).toBe(recomputed);
  });

  it('a window from before the history starts a new timeline instead of mixing two', () => {
    let state = withSnapshot();
    state = reducer(state, { type: 'window', update: windowUpdate(T0 - 60_000, [['again', 1]]) });
    expect(state.windows.map((w) => w.end)).toEqual([T0 - 60_000]);
    state = reducer(state, { type: 'metrics', metrics: batchMetrics(T0 - 60_000) });
    expect(state.metrics.map((m) => m.batchTime)).toEqual([T0 - 60_000]);
  });

  it('batch metrics are bounded and ordered by batch time', () => {
    let state = initialState;
    for (let i = 1; i <= LIMITS.metrics + 10; i += 1) {
      state = reducer(state, { type: 'metrics', metrics: batchMetrics(T0 + i * 1000) });
    }
    expect(state.metrics).toHaveLength(LIMITS.metrics);
    const times = state.metrics.map((m) => m.batchTime);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('the feed is newest first, bounded, and shows a resent tweet once', () => {
    let state = withSnapshot();
    state = reducer(state, { type: 'tweets', tweets: [feedTweet('2'), feedTweet('3'), feedTweet('4')] });
    expect(state.feed.map((t) => t.id)).toEqual(['4', '3', '2', '1']);
    const many = Array.from({ length: LIMITS.feed + 50 }, (_, i) => feedTweet(`n${i}`));
    state = reducer(state, { type: 'tweets', tweets: many });
    expect(state.feed).toHaveLength(LIMITS.feed);
    expect(state.feed[0]!.id).toBe(`n${LIMITS.feed + 49}`);
  });

  it('a rejected payload is remembered and changes nothing else', () => {
    const before = withSnapshot();
    const after = reducer(before, {
      type: 'rejected',
      rejection: { event: 'window', message: 'bad', at: 1 },
    });
    expect(after.windows).toBe(before.windows);
    expect(after.config).toBe(before.config);
    expect(after.rejections).toEqual([{ event: 'window', message: 'bad', at: 1 }]);
    expect(after.rejectedTotal).toBe(1);
    expect(reducer(after, { type: 'dismissRejections' }).rejections).toEqual([]);
  });

  it('connection state tells a first connect from a reconnect', () => {
    let state = initialState;
    expect(state.everConnected).toBe(false);
    state = reducer(state, { type: 'connection', connection: 'connected' });
    state = reducer(state, { type: 'connection', connection: 'disconnected' });
    expect(state).toMatchObject({ connection: 'disconnected', everConnected: true });
  });

  it('a batch of actions applies in order', () => {
    const state = reducer(initialState, {
      type: 'batch',
      actions: [
        { type: 'status', status: sourceStatus({ state: 'paused' }) },
        { type: 'config', config: publicConfig({ adminRequired: true }) },
        { type: 'status', status: sourceStatus({ state: 'running' }) },
      ],
    });
    expect(state.status?.state).toBe('running');
    expect(state.config?.adminRequired).toBe(true);
  });
});
