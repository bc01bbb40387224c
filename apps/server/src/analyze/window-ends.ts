// Which windows an offline analysis reports: every window [t − W, t), t a multiple of the slide S,
// that meets the input's time span [first, last], empty ones included (DESIGN.md semantics).

export interface WindowEnds {
  /** The smallest multiple of S after `first`. */
  first: number;
  /** The largest multiple of S at or before `last + W`. */
  last: number;
  count: number;
}

/** The window ends for an input whose tweets were created between `first` and `last` (epoch ms). */
export function windowEnds(first: number, last: number, windowLengthMs: number, slideMs: number): WindowEnds {
  // [t − W, t) meets [first, last] exactly when t > first and t − W ≤ last.
  const from = Math.floor(first / slideMs) * slideMs + slideMs;
  const to = Math.floor((last + windowLengthMs) / slideMs) * slideMs;
  return { first: from, last: to, count: to >= from ? (to - from) / slideMs + 1 : 0 };
}
