// onDemand(): a keyed window computed only when read, through a WindowReader, not at every slide.
// Its output node only keeps the window operator in the graph, so the history is still kept.
import { type BatchRun, type Graph, OutputNode, type Out } from '../graph/node.js';
import type { KeyedWindow } from '../window/window-state.js';
import type { ReducedWindowNode } from './reduced-window.js';

/** Reads a keyed window computed on demand (KeyedWindowStream.onDemand). */
export interface WindowReader<K, V> {
  /**
   * The latest slide's window, computed now from the history (the batches that entered and left
   * since the last read, or a recount): null before the first slide. Valid until the next batch
   * is computed; copy what you keep.
   */
  read(): KeyedWindow<K, V> | null;
}

export class WindowReaderNode<K, V> extends OutputNode implements WindowReader<K, V> {
  readonly kind = 'windowReader';

  constructor(
    graph: Graph,
    private readonly window: ReducedWindowNode<K, V>,
    recountLimit: number,
  ) {
    window.computeOnDemand(recountLimit);
    super(graph, [window]);
  }

  compute(_run: BatchRun): Out<void> {
    // Nothing per batch: being an output is what keeps the window operator (and its history) computed.
  }

  read(): KeyedWindow<K, V> | null {
    return this.window.readLatest();
  }
}
