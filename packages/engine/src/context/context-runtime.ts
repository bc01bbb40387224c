// What the context's parts (job generator, scheduler, source tracker, rate controller, checkpoint
// writer) share with the context that wires them: its clock, events and lifecycle.
import type { Clock } from '../clock/clock.js';
import type { ListenerBus } from './listener-bus.js';

export type ContextState = 'initialized' | 'started' | 'stopping' | 'stopped';

export interface ContextRuntime {
  readonly clock: Clock;
  readonly bus: ListenerBus;
  /** Wall time in ms for metrics (monotonic). */
  readonly stopwatch: () => number;
  state(): ContextState;
  /** The error that stopped the context, once one has. */
  failure(): Error | undefined;
  /** Reports `error` once and stops the context (later errors are only logged). */
  fail(error: Error): void;
}

/** Clock time for warnings: NaN while the clock has no time yet. */
export function clockTimeOrNaN(clock: Clock): number {
  return clock.isStarted() ? clock.now() : Number.NaN;
}
