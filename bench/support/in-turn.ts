// Rounds of several measured runs taken in turn (a, b, c, a, b, c...), so a slow spell of a shared
// machine falls on every run alike, each run keeping its fastest round by the figure its bench ranks.

/** A run's fastest round (the first of equals) and every round, in order. */
export interface InTurn<T> {
  fastest: T;
  all: T[];
}

/**
 * `repeats` rounds of `runs`, each round taking them in their order. `by` names the figure to
 * minimise (CPU or wall seconds); `onStart` hears of each run as it begins (a progress line).
 */
export async function inTurn<B extends string, R extends Record<string, () => Promise<Record<B, number>>>>(
  repeats: number,
  by: B,
  runs: R,
  onStart?: (name: keyof R & string, round: number) => void,
): Promise<{ [K in keyof R]: InTurn<Awaited<ReturnType<R[K]>>> }> {
  const kept: Record<string, InTurn<Record<B, number>>> = {};
  for (let round = 1; round <= Math.max(1, repeats); round++) {
    for (const [name, run] of Object.entries(runs)) {
      onStart?.(name, round);
      keepRound(kept, name, await run(), by);
    }
  }
  return kept as { [K in keyof R]: InTurn<Awaited<ReturnType<R[K]>>> };
}

/** Adds a round's figures to run `name` in `kept`, which keeps its fastest by `by`. */
export function keepRound<B extends string, T extends Record<B, number>>(
  kept: Record<string, InTurn<T>>,
  name: string,
  figures: T,
  by: B,
): void {
  const side = kept[name];
  if (side === undefined) kept[name] = { fastest: figures, all: [figures] };
  else {
    side.all.push(figures);
    if (figures[by] < side.fastest[by]) side.fastest = figures;
  }
}
