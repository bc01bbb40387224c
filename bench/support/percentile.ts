// Percentiles of a sample, as the benches print them.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summary(values: readonly number[]) {
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: values.length,
    p50Ms: round(percentile(values, 50)),
    p99Ms: round(percentile(values, 99)),
    // A loop, not Math.max(...values): a million latencies would overflow the call stack.
    maxMs: round(values.reduce((max, value) => Math.max(max, value), values.length === 0 ? NaN : -Infinity)),
  };
}
