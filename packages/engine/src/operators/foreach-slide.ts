// foreachSlide: one output over several keyed windows on the same WindowSpec. It is created after
// (and depends on) every window it reads, so it runs once per slide with all of them computed,
// whatever order other outputs were registered in.
import { type BatchRun, type Graph, INACTIVE, type Node, OutputNode, type Out } from '../graph/node.js';
import type { KeyedWindow } from '../window/window-state.js';

export type SlideFn = (
  views: readonly KeyedWindow<unknown, unknown>[],
  windowEnd: number,
) => void | Promise<void>;

export class ForeachSlideNode extends OutputNode {
  readonly kind = 'foreachSlide';

  constructor(
    graph: Graph,
    private readonly windows: readonly Node<KeyedWindow<unknown, unknown>>[],
    private readonly fn: SlideFn,
  ) {
    super(graph, windows);
  }

  async compute(run: BatchRun): Promise<Out<void>> {
    const views: KeyedWindow<unknown, unknown>[] = [];
    for (const window of this.windows) {
      // Windows on one spec slide together: between slides every one of them is inactive.
      const view = run.value(window);
      if (view === INACTIVE) return INACTIVE;
      views.push(view);
    }
    await this.fn(views, run.time);
  }
}
