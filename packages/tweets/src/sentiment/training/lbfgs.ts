// Limited-memory BFGS (Nocedal & Wright, algorithm 7.4) with a backtracking Armijo line search,
// for the trainer's convex objective. Written here rather than taken from npm: the few L-BFGS
// packages there work on plain arrays and allocate per iteration, which is too slow for ~800k
// weights; this one reuses Float64Arrays. Deterministic: no randomness anywhere.

/** Writes the gradient at `x` into `gradient` and returns the objective's value. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** Pairs of past steps kept. */
  memory?: number;
  /** Stop when the objective improves by less than this fraction in an iteration. */
  tolerance?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

export function minimize(f: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const m = options.memory ?? 8;
  const tolerance = options.tolerance ?? 1e-7;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const xNext = new Float64Array(n);
  const gNext = new Float64Array(n);
  const direction = new Float64Array(n);
  const s = Array.from({ length: m }, () => new Float64Array(n));
  const y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let stored = 0;
  let newest = -1;
  let value = f(x, g);
  let iteration = 0;
  for (; iteration < options.maxIterations; iteration++) {
    // Two-loop recursion: direction = -H g.
    for (let i = 0; i < n; i++) direction[i] = -(g[i] as number);
    for (let k = 0; k < stored; k++) {
      const j = (newest - k + m) % m;
      const a = (rho[j] as number) * dot(s[j] as Float64Array, direction);
      alpha[j] = a;
      const yj = y[j] as Float64Array;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) - a * (yj[i] as number);
    }
    if (stored > 0) {
      const yj = y[newest] as Float64Array;
      const gamma = dot(s[newest] as Float64Array, yj) / dot(yj, yj);
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) * gamma;
    }
    for (let k = stored - 1; k >= 0; k--) {
      const j = (newest - k + m) % m;
      const sj = s[j] as Float64Array;
      const b = (rho[j] as number) * dot(y[j] as Float64Array, direction);
      const a = alpha[j] as number;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) + (a - b) * (sj[i] as number);
    }
    let slope = dot(g, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i++) direction[i] = -(g[i] as number);
      slope = dot(g, direction);
    }
    let step = stored === 0 ? 1 / Math.sqrt(Math.max(-slope, 1e-300)) : 1;
    let nextValue = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNext[i] = (x[i] as number) + step * (direction[i] as number);
      nextValue = f(xNext, gNext);
      if (nextValue <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextValue < value)) break;
    newest = (newest + 1) % m;
    const sNew = s[newest] as Float64Array;
    const yNew = y[newest] as Float64Array;
    for (let i = 0; i < n; i++) {
      sNew[i] = (xNext[i] as number) - (x[i] as number);
      yNew[i] = (gNext[i] as number) - (g[i] as number);
    }
    const sy = dot(sNew, yNew);
    if (sy > 1e-12) {
      rho[newest] = 1 / sy;
      stored = Math.min(stored + 1, m);
    } else {
      // A useless pair: drop it; its slot held the oldest pair, which is lost too.
      newest = (newest - 1 + m) % m;
      stored = Math.min(stored, m - 1);
    }
    const improvement = (value - nextValue) / Math.max(Math.abs(value), 1e-12);
    x.set(xNext);
    g.set(gNext);
    value = nextValue;
    if (improvement < tolerance) {
      iteration++;
      break;
    }
  }
  return { x, value, iterations: iteration };
}
