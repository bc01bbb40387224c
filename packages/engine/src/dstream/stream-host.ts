// What streams need from their context, kept as an interface so streams do not import the context.
import type { Graph } from '../graph/node.js';
import type { PoolHost } from '../operators/parallel.js';
import type { History } from '../window/window-rules.js';
import type { WindowConfig, WindowSpec } from '../window/window-spec.js';

export interface StreamHost extends PoolHost {
  readonly graph: Graph;
  /** A shared spec as is; a plain configuration becomes a private spec (validated). */
  resolveWindow(window: WindowSpec | WindowConfig): WindowSpec;
  /** The retention horizon in ms, read at every batch (it never drops below the longest window). */
  retentionMs(): number;
  /** The per-batch retention and roll-up tiers the context keeps (fixed for its life). */
  history(): History;
}
