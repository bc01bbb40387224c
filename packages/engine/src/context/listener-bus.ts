// The listener bus (Spark's StreamingListenerBus): the context's events on a typed node:events
// EventEmitter, with StreamingListener objects as a convenience on top.
import { EventEmitter } from 'node:events';
import { ListenerError } from '../errors.js';
import type { EngineWarning, StreamingEvents, StreamingListener } from '../metrics/batch-info.js';

type EventName = keyof StreamingEvents;

/** The StreamingListener method of each event. */
const HANDLERS = {
  batchSubmitted: 'onBatchSubmitted',
  batchStarted: 'onBatchStarted',
  batchCompleted: 'onBatchCompleted',
  warning: 'onWarning',
  rateLimit: 'onRateLimit',
  sourcePaused: 'onSourcePaused',
  sourceEnded: 'onSourceEnded',
  checkpoint: 'onCheckpoint',
  error: 'onError',
  stopped: 'onStopped',
} as const satisfies { [E in EventName]: keyof StreamingListener };

type AnyListener = (...args: unknown[]) => void;

export class ListenerBus {
  readonly events = new EventEmitter<StreamingEvents>();
  /** The same emitter, untyped: listener objects are subscribed event by event in a loop. */
  private readonly untyped = this.events as unknown as EventEmitter;
  private readonly added = new Map<StreamingListener, () => void>();

  /** `failed` gets the error of a listener that threw, to stop the context with it. */
  constructor(private readonly failed: (error: ListenerError) => void) {}

  /** Subscribes each method of `listener` to its event; returns the function that removes them all. */
  addListener(listener: StreamingListener): () => void {
    const existing = this.added.get(listener);
    if (existing) return existing;
    const subscriptions: Array<[EventName, AnyListener]> = [];
    for (const [event, method] of Object.entries(HANDLERS) as Array<[EventName, keyof StreamingListener]>) {
      const handler = listener[method] as AnyListener | undefined;
      if (!handler) continue;
      const fn: AnyListener = (...args) => handler.apply(listener, args);
      this.untyped.on(event, fn);
      subscriptions.push([event, fn]);
    }
    const remove = (): void => {
      if (!this.added.delete(listener)) return;
      for (const [event, fn] of subscriptions) this.untyped.off(event, fn);
    };
    this.added.set(listener, remove);
    return remove;
  }

  /**
   * Calls every listener of `event`. Not `emit()`: a listener that throws must neither keep the
   * others from the event nor throw into the engine's caller; it stops the context instead.
   */
  post<E extends EventName>(event: E, ...args: StreamingEvents[E]): void {
    const listeners = this.untyped.rawListeners(event) as AnyListener[];
    for (const listener of listeners) {
      try {
        listener.apply(this.events, args);
      } catch (error) {
        const message = `a StreamingListener's ${HANDLERS[event]} threw: ${error instanceof Error ? error.message : String(error)}`;
        if (event === 'error' || event === 'stopped') console.error(`[engine] ${message}`);
        else this.failed(new ListenerError(message));
      }
    }
  }

  /** A warning goes to its listeners, or to the console when nobody listens. */
  warn(warning: EngineWarning): void {
    if (this.events.listenerCount('warning') > 0) this.post('warning', warning);
    else console.warn(`[engine] ${warning.message}`);
  }

  /** The error that stopped the context goes to its listeners, and to the console when nobody listens. */
  error(error: Error): void {
    this.post('error', error);
    if (this.events.listenerCount('error') === 0) console.error(`[engine] ${error.name}: ${error.message}`);
  }
}
