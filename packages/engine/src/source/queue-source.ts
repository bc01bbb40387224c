// A source fed by hand, for tests and demos (Spark's queueStream). Its offset is the number of
// records taken, so after recovery it skips what the checkpoint already holds when fed again.
import type { Source, SourceOffset, SourceSink } from './source';

export class QueueSource<T> implements Source<T> {
  private sink: SourceSink<T> | undefined;
  private readonly early: Array<[T, number | undefined]> = [];
  private position = 0;
  private skip = 0;
  private ended = false;

  constructor(readonly name: string = 'queue') {}

  /**
   * Hands a record to the engine (buffered until the context starts). `time` is its arrival time
   * (epoch ms); without it the context clock's now. Returns false if the engine dropped it.
   */
  push(value: T, time?: number): boolean {
    this.position++;
    if (this.position <= this.skip) return true; // already in the checkpoint being recovered
    if (!this.sink) {
      this.early.push([value, time]);
      return true;
    }
    return this.sink.push(value, time);
  }

  /** Pushes each value (with the same time, if given). */
  pushAll(values: Iterable<T>, time?: number): void {
    for (const value of values) this.push(value, time);
  }

  /** Tells the engine the queue will deliver nothing more. */
  end(): void {
    this.ended = true;
    this.sink?.end();
  }

  start(sink: SourceSink<T>): void {
    this.sink = sink;
    for (const [value, time] of this.early.splice(0)) sink.push(value, time);
    if (this.ended) sink.end();
  }

  stop(): void {
    this.sink = undefined;
  }

  offset(): SourceOffset {
    return this.position;
  }

  restore(offset: SourceOffset): void {
    if (typeof offset !== 'number')
      throw new TypeError(`queue source offset must be a number, got ${JSON.stringify(offset)}`);
    this.skip = offset;
  }
}
