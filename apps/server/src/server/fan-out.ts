// Sends the runtime's updates to every connected dashboard so that no client costs the others much:
// each update is encoded once per flush (a socket.io broadcast); flushes are throttled (at least
// `minIntervalMs` apart, at most a quarter of the event loop's time and `bytesPerSecond` written
// over all clients, so a thousand dashboards at `max` speed get fewer, newer updates rather than
// starving the server); a client that does not keep up (its queue grows: a slow link, a stopped tab)
// is left out of the broadcast and later gets the latest state, never a long backlog, while a client
// whose transport is only busy for a moment (a write in progress, a long-poll between requests)
// stays in and gets every update.
import type { Socket } from 'socket.io';
import type { ServerToClientEvents } from '@hashpulse/protocol';
import type { DashboardRuntime } from '../runtime/dashboard-runtime.js';
import type { HashpulseIo } from './hashpulse-io.js';

type ChannelEvent = 'config' | 'status' | 'window' | 'metrics';
type Payload<E extends ChannelEvent> = Parameters<ServerToClientEvents[E]>[0];

export interface FanOutOptions {
  /** Least time between two flushes (default 50 ms). */
  minIntervalMs?: number;
  /** Window updates kept between two flushes, the newest (default 1024: a bound on memory). */
  windowsPerFlush?: number;
  /** Batch metrics broadcast per flush, the newest kept (default 16). */
  metricsPerFlush?: number;
  /** Bytes written per second over all clients, about (default 16 MiB). */
  bytesPerSecond?: number;
  /**
   * true on a cluster's web node: every web node computes the same windows from the merged
   * stream, so each sends them to its own dashboards only (through the Redis adapter every node
   * would otherwise get each update once per web node).
   */
  localBroadcast?: boolean;
}

/**
 * A client that missed at most this many updates of a kind gets them all; one that missed more
 * gets the newest only. Only a client that stopped keeping up is ever left out (see keepsUp),
 * so it gets the newest only: its backlog is what it cannot take.
 */
const CATCH_UP = 1;

/**
 * Updates kept per kind for a client back from a short drop: what it was left out of just before
 * (see ClientState.owed). More than that and it gets a snapshot instead.
 */
const RECENT_KEPT = 64;

/** Flushes may take this share of the event loop at most: the next waits `duration × (1/share − 1)`. */
const MAX_LOOP_SHARE = 0.25;

/** One kind of update: what arrived since the last flush (bounded), the last few, the newest ever. */
class Channel<E extends ChannelEvent> {
  head = 0;
  /** `head` at the last flush: a client that has it is up to date with everything broadcast. */
  flushed = 0;
  pending: Array<Payload<E>> = [];
  latest: Payload<E> | undefined;
  /** The last RECENT_KEPT updates with their sequence numbers (`head` after each). */
  private recent: Array<[number, Payload<E>]> = [];

  /** The kept updates with sequence numbers in (from, to]; null when some of them are gone. */
  between(from: number, to: number): Array<Payload<E>> | null {
    if (to <= from) return [];
    const oldest = this.recent[0]?.[0] ?? Number.POSITIVE_INFINITY;
    if (from + 1 < oldest) return null;
    return this.recent.filter(([seq]) => seq > from && seq <= to).map(([, value]) => value);
  }

  constructor(
    readonly event: E,
    private readonly capacity: number,
  ) {}

  push(value: Payload<E>): void {
    this.head++;
    this.latest = value;
    this.pending.push(value);
    if (this.pending.length > this.capacity) this.pending.shift();
    this.recent.push([this.head, value]);
    if (this.recent.length > RECENT_KEPT) this.recent.shift();
  }

  /** What a client that has seen up to `seen` needs: the updates since, if still kept, else the newest. */
  since(seen: number): Array<Payload<E>> {
    if (seen >= this.head || this.latest === undefined) return [];
    if (this.head - seen <= CATCH_UP)
      return this.recent.filter(([seq]) => seq > seen).map(([, value]) => value);
    return [this.latest];
  }
}

interface ClientState {
  /** Since when something queued for it has waited for its transport (null: nothing waits). */
  waitingSince: number | null;
  /** New (or its source changed): the next thing it gets is a whole snapshot. */
  needsSnapshot: boolean;
  /** Per channel, the `head` this client has been brought up to. */
  seen: Record<ChannelEvent, number>;
  /**
   * Back from a short drop: what it was left out of before the drop ((from, to] per channel).
   * socket.io's connection recovery replays only what was sent while it was away.
   */
  owed?: { from: Record<ChannelEvent, number>; to: Record<ChannelEvent, number> };
}

/** How long a dropped client's place is kept for its recovery (socket.io's own default window). */
const RECOVERY_MS = 2 * 60_000;

/** What engine.io has queued for a client and not yet handed to its transport (see keepsUp). */
function queuedPackets(socket: Socket): number {
  // engine.io's typings keep `writeBuffer` private; the field has been there since engine.io 1.
  // Without it every client counts as keeping up, as if the check did not exist.
  const queue = (socket.conn as unknown as { writeBuffer?: unknown }).writeBuffer;
  return Array.isArray(queue) ? queue.length : 0;
}

/**
 * How long what is queued for a client may wait for its transport before the client counts as not
 * keeping up. A healthy client's transport is often busy at the moment of a flush (a WebSocket
 * write not yet completed, a long-polling client between two requests, its process descheduled on
 * a loaded machine) and takes what is queued soon after; a stopped tab or a slow link does not.
 * So a client is left out only after this long, and then gets back at most this long's updates.
 */
const STALL_MS = 2000;

/** Keeps up: open, and nothing queued for it has waited for its transport longer than STALL_MS. */
function keepsUp(socket: Socket, state: ClientState, now: number): boolean {
  if (socket.conn.readyState !== 'open') return false;
  if (queuedPackets(socket) === 0) {
    state.waitingSince = null;
    return true;
  }
  state.waitingSince ??= now;
  return now - state.waitingSince <= STALL_MS;
}

/**
 * Can be sent a volatile packet now (a snapshot): its transport writes at once, where a volatile
 * packet would otherwise be discarded.
 */
function writableNow(socket: Socket): boolean {
  return socket.conn.readyState === 'open' && socket.conn.transport.writable;
}

/** What an update weighs on the wire, about (socket.io sends it as JSON). */
function sizeOf(value: unknown): number {
  return JSON.stringify(value).length;
}

export class FanOut {
  private readonly channels: { [E in ChannelEvent]: Channel<E> };
  private readonly order: ChannelEvent[] = ['config', 'status', 'window', 'metrics'];
  private readonly clients = new Map<string, ClientState>();
  /** Clients that dropped: where they were, for a recovery within RECOVERY_MS. */
  private readonly departed = new Map<
    string,
    { seen: Record<ChannelEvent, number>; heads: Record<ChannelEvent, number>; at: number }
  >();
  private readonly minIntervalMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlushEnd = Number.NEGATIVE_INFINITY;
  private lastFlushStart = Number.NEGATIVE_INFINITY;
  private nextGapMs = 0;
  private readonly bytesPerSecond: number;
  private readonly localBroadcast: boolean;
  private closed = false;

  constructor(
    private readonly io: HashpulseIo,
    private readonly runtime: DashboardRuntime,
    options: FanOutOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 50;
    this.localBroadcast = options.localBroadcast ?? false;
    this.bytesPerSecond = options.bytesPerSecond ?? 16 * 2 ** 20;
    this.channels = {
      config: new Channel('config', 1),
      status: new Channel('status', 1),
      window: new Channel('window', options.windowsPerFlush ?? 1024),
      metrics: new Channel('metrics', options.metricsPerFlush ?? 16),
    };
  }

  /** A connected socket: a fresh one is greeted with a snapshot at the next flush. */
  add(socket: Socket, recovered: boolean): void {
    // A recovered connection got what was sent while it was away from socket.io's recovery; what
    // it was left out of just before the drop it gets at the next flush.
    const gone = recovered ? this.departed.get(socket.id) : undefined;
    this.departed.delete(socket.id);
    // Its transport took what was queued: nothing waits any more.
    socket.conn.on('flush', () => {
      const state = this.clients.get(socket.id);
      if (state !== undefined) state.waitingSince = null;
    });
    this.clients.set(socket.id, {
      waitingSince: null,
      needsSnapshot: !recovered,
      seen: this.heads(),
      ...(gone === undefined ? {} : { owed: { from: gone.seen, to: gone.heads } }),
    });
    socket.once('disconnect', () => {
      const state = this.clients.get(socket.id);
      this.clients.delete(socket.id);
      const now = performance.now();
      for (const [id, place] of this.departed) if (now - place.at > RECOVERY_MS) this.departed.delete(id);
      if (state !== undefined && !state.needsSnapshot)
        // Owed: what was flushed without it. What is still pending goes out in a later broadcast,
        // which socket.io's recovery replays to it.
        this.departed.set(socket.id, { seen: state.seen, heads: this.flushedHeads(), at: now });
    });
    this.schedule();
  }

  publish<E extends ChannelEvent>(event: E, value: Payload<E>): void {
    (this.channels[event] as Channel<E>).push(value);
    this.schedule();
  }

  /** A new source: every client's state is stale, each gets a fresh snapshot. */
  reset(): void {
    for (const state of this.clients.values()) state.needsSnapshot = true;
    this.schedule();
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Where broadcasts go: every node's clients (the Redis adapter), or this node's only. */
  private out() {
    return this.localBroadcast ? this.io.local : this.io;
  }

  private flushedHeads(): Record<ChannelEvent, number> {
    const { config, status, window, metrics } = this.channels;
    return {
      config: config.flushed,
      status: status.flushed,
      window: window.flushed,
      metrics: metrics.flushed,
    };
  }

  private heads(): Record<ChannelEvent, number> {
    const { config, status, window, metrics } = this.channels;
    return { config: config.head, status: status.head, window: window.head, metrics: metrics.head };
  }

  private schedule(): void {
    if (this.timer !== null || this.closed) return;
    const wait = Math.max(0, this.lastFlushEnd + this.nextGapMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  private flush(): void {
    const started = performance.now();
    const heads = this.heads();
    const left: string[] = [];
    const greet: string[] = [];
    const behind: Array<[string, ClientState]> = [];
    const ready = new Set<string>();
    let waiting = false;
    for (const socket of this.io.of('/').sockets.values()) {
      const state = this.clients.get(socket.id);
      if (state === undefined) continue;
      // A snapshot is volatile (see below), so a new client waits for a transport that writes now.
      if (state.needsSnapshot ? writableNow(socket) : keepsUp(socket, state, started)) ready.add(socket.id);
      const upToDate =
        !state.needsSnapshot &&
        this.order.every((event) => state.seen[event] >= this.channels[event].flushed);
      if (upToDate && ready.has(socket.id)) {
        state.seen = { ...heads };
        continue;
      }
      left.push(socket.id);
      if (!ready.has(socket.id)) waiting = true;
      else if (state.needsSnapshot) greet.push(socket.id);
      else behind.push([socket.id, state]);
    }

    let bytes = 0;
    let broadcastBytes = 0;
    // Back from a drop: first what it was left out of just before (or a snapshot if that is gone).
    for (const socket of this.io.of('/').sockets.values()) {
      const state = this.clients.get(socket.id);
      if (state?.owed === undefined || !ready.has(socket.id)) continue;
      const { from, to } = state.owed;
      delete state.owed;
      const owed = this.order.map(
        (event) => [event, this.channels[event].between(from[event], to[event])] as const,
      );
      if (owed.some(([, values]) => values === null)) {
        state.needsSnapshot = true;
        waiting = true;
        continue;
      }
      for (const [event, values] of owed) {
        for (const value of values!) {
          socket.emit(event, value as never);
          bytes += sizeOf(value);
        }
      }
    }

    // Everyone else: what arrived since the last flush, each update encoded once; only the newest
    // of each kind when all of it would pass the byte budget of the time since the last flush. Only
    // the bytes thin updates out: a flush's own duration is too noisy a signal (a preempted
    // process), one new client's snapshot must not cut windows out of everyone's charts (it only
    // spaces the next flush), and what piled up while the event loop was busy is weighed against
    // the time that took, so a few dashboards get every window even of a `max` replay.
    const included = this.clients.size - left.length;
    const sinceLast = Math.max(this.minIntervalMs, started - this.lastFlushStart);
    this.lastFlushStart = started;
    const sized = this.order.map((event) =>
      this.channels[event].pending.map((value) => [value, sizeOf(value)] as const),
    );
    const planned = sized.reduce((sum, values) => values.reduce((s, [, size]) => s + size, sum), 0);
    const thin = (included * planned * 1000) / this.bytesPerSecond > sinceLast;
    this.order.forEach((event, i) => {
      const channel = this.channels[event];
      const values = thin ? sized[i]!.slice(-1) : sized[i]!;
      for (const [value, size] of values) {
        this.out()
          .except(left)
          .emit(event, value as never);
        broadcastBytes += included * size;
      }
      channel.pending = [];
      channel.flushed = channel.head;
    });
    // Clients that fell behind and can take more now: the few updates they missed, or the newest
    // of each kind when they missed more than the channel keeps (clients behind by as much share
    // one encoding).
    for (const event of this.order) {
      const channel = this.channels[event];
      const groups = new Map<number, string[]>();
      for (const [id, state] of behind) {
        const seen = state.seen[event];
        if (seen >= channel.head) continue;
        const group = groups.get(seen);
        if (group === undefined) groups.set(seen, [id]);
        else group.push(id);
      }
      for (const [seen, ids] of groups) {
        for (const value of channel.since(seen)) {
          this.out()
            .to(ids)
            .emit(event, value as never);
          bytes += ids.length * sizeOf(value);
        }
      }
    }
    for (const [, state] of behind) state.seen = { ...heads };
    if (greet.length > 0) {
      const snapshot = this.runtime.snapshot();
      // Volatile: never kept for connection recovery (a snapshot is large and replaces all state).
      this.out().to(greet).volatile.emit('snapshot', snapshot);
      bytes += greet.length * sizeOf(snapshot);
      for (const id of greet)
        this.clients.set(id, { waitingSince: null, needsSnapshot: false, seen: { ...heads } });
    }

    bytes += broadcastBytes;
    const ended = performance.now();
    // What a busy transport did not take at once starts waiting now.
    for (const socket of this.io.of('/').sockets.values()) {
      const state = this.clients.get(socket.id);
      if (state !== undefined && state.waitingSince === null && queuedPackets(socket) > 0)
        state.waitingSince = ended;
    }
    this.lastFlushEnd = ended;
    const bytesGapMs = (bytes / this.bytesPerSecond) * 1000;
    this.nextGapMs = Math.max(
      this.minIntervalMs,
      ((ended - started) * (1 - MAX_LOOP_SHARE)) / MAX_LOOP_SHARE,
      bytesGapMs,
    );

    // Clients still waiting to take more are looked at again at the next flush.
    if (waiting) this.schedule();
  }
}
