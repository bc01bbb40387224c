// A source fed by hand, for tests and demos (Spark's queueStream). Its offset is the number of
// records taken, so after recovery it skips what the checkpoint already holds when fed again.
// It can pause: like a socket that stops reading, it then holds what it is fed until resume().
import type { Source, SourceOffset, SourceSink } from './source.js';
import { Queue } from '../util/queue.js';

export class QueueSource<T> implements Source<T> {
  private sink: SourceSink<T> | undefined;
  /** Records fed but not yet handed to the engine: before start, or while paused. */
  private readonly held = new Queue<[T, number | undefined]>();
  private position = 0;
  private skip = 0;
  private ended = false;
  private endSent = false;
  private paused = false;

  constructor(readonly name: string = 'queue') {}

  /**
   * Hands a record to the engine (held until the context starts, or while paused). `time` is its
   * arrival time (epoch ms); without it the context clock's now. Returns false if the engine
   * dropped it.
   */
  push(value: T, time?: number): boolean {
    this.position++;
    if (this.position <= this.skip) return true; // already in the checkpoint being recovered
    // Behind held records even when running: a push from inside a flush must not overtake them.
    if (!this.sink || this.paused || this.held.length > 0) {
      this.held.push([value, time]);
      return true;
    }
    return this.sink.push(value, time);
  }

  /** Pushes each value (with the same time, if given). */
  pushAll(values: Iterable<T>, time?: number): void {
    for (const value of values) this.push(value, time);
  }

  /** Tells the engine the queue will deliver nothing more (once the held records are delivered). */
  end(): void {
    this.ended = true;
    this.flush();
  }

  start(sink: SourceSink<T>): void {
    this.sink = sink;
    this.flush();
  }

  stop(): void {
    this.sink = undefined;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.flush();
  }

  /** Whether pushes are held (paused by the engine or through the context). */
  isPaused(): boolean {
    return this.paused;
  }

  /** The records pushed minus those held: held ones are not in any checkpoint yet. */
  offset(): SourceOffset {
    return Math.max(this.skip, this.position - this.held.length);
  }

  restore(offset: SourceOffset): void {
    if (typeof offset !== 'number')
      throw new TypeError(`queue source offset must be a number, got ${JSON.stringify(offset)}`);
    this.skip = offset;
  }

  private flush(): void {
    // The engine may pause us again from inside sink.push (the buffer filled): stop there.
    while (this.sink && !this.paused && this.held.length > 0) {
      const [value, time] = this.held.shift()!;
      this.sink.push(value, time);
    }
    if (this.sink && this.ended && !this.endSent && this.held.length === 0) {
      this.endSent = true;
      this.sink.end();
    }
  }
}
