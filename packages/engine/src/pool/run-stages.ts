// Applies a chunk's stages (and combine) to its records: the code each worker runs per message.
import type { Combine, Stage } from './task.js';

export type Resolve = (stage: Stage) => Promise<(...args: never[]) => unknown>;

export async function runStages(
  records: unknown[],
  stages: readonly Stage[],
  combine: Combine,
  resolve: Resolve,
): Promise<unknown[] | [unknown[], number[]]> {
  let current = records;
  for (const stage of stages) {
    const fn = (await resolve(stage)) as (value: unknown) => unknown;
    const next: unknown[] = [];
    switch (stage.kind) {
      case 'map':
        for (const value of current) next.push(fn(value));
        break;
      case 'flatMap':
        for (const value of current) for (const item of fn(value) as Iterable<unknown>) next.push(item);
        break;
      case 'filter':
        for (const value of current) if (fn(value)) next.push(value);
        break;
      case 'partition': {
        const out = await (fn as unknown as (records: unknown[]) => unknown[] | Promise<unknown[]>)(current);
        if (!Array.isArray(out))
          throw new TypeError(`a partition task must return an array (got ${typeof out})`);
        next.push(...out);
        break;
      }
    }
    current = next;
  }
  if (combine === 'none') return current;
  // Map-side combine: only distinct values and their counts cross back, in first-seen order.
  const counts = new Map<unknown, number>();
  for (const value of current) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [[...counts.keys()], [...counts.values()]];
}
