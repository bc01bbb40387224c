// Merges sorted runs into one stream in (created_at, file, position) order, awaiting only when a
// run's current batch is used up, so the cost per record is a heap step, not a promise.
import { MinHeap } from './min-heap.js';
import { recordBefore, type OrderedRecord } from './ordered-record.js';

interface Cursor {
  batch: OrderedRecord[];
  index: number;
  source: AsyncIterator<OrderedRecord[]>;
}

const OUT_BATCH = 1024;

async function fill(cursor: Cursor): Promise<boolean> {
  for (;;) {
    const next = await cursor.source.next();
    if (next.done) return false;
    if (next.value.length > 0) {
      cursor.batch = next.value;
      cursor.index = 0;
      return true;
    }
  }
}

/** Yields the records of every source in order, in batches. Each source must itself be sorted. */
export async function* mergeSorted(
  sources: AsyncIterable<OrderedRecord[]>[],
): AsyncGenerator<OrderedRecord[]> {
  if (sources.length === 1) {
    yield* sources[0]!;
    return;
  }
  const heap = new MinHeap<Cursor>((a, b) => recordBefore(a.batch[a.index]!, b.batch[b.index]!));
  const cursors = sources.map((source) => ({ batch: [], index: 0, source: source[Symbol.asyncIterator]() }));
  try {
    for (const cursor of cursors) if (await fill(cursor)) heap.push(cursor);
    let out: OrderedRecord[] = [];
    while (heap.size > 0) {
      const cursor = heap.pop()!;
      out.push(cursor.batch[cursor.index++]!);
      if (cursor.index < cursor.batch.length || (await fill(cursor))) heap.push(cursor);
      if (out.length >= OUT_BATCH) {
        yield out;
        out = [];
      }
    }
    if (out.length > 0) yield out;
  } finally {
    // Closes the readers of runs not read to the end (a stop, a restart).
    await Promise.all(cursors.map((cursor) => cursor.source.return?.()));
  }
}
