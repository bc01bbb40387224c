// @hashpulse/engine/window-rules is bundled into the dashboard (through the protocol): it and what
// it imports must stay free of node modules.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDuration, windowViolations } from '@hashpulse/engine/window-rules';

const here = dirname(fileURLToPath(import.meta.url));

/** Every module the entry reaches by relative imports, with the bare imports each one makes. */
function reach(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!);
  seen.set(
    file,
    specifiers.filter((s) => !s.startsWith('.')),
  );
  for (const s of specifiers.filter((s) => s.startsWith('.')))
    reach(resolve(dirname(file), s.replace(/\.js$/, '.ts')), seen);
  return seen;
}

describe('the window-rules entry', () => {
  it('imports nothing but its own pure modules (no node:, no packages)', () => {
    const modules = reach(resolve(here, '../src/window/window-rules.ts'));
    expect(modules.size).toBeGreaterThanOrEqual(2);
    for (const [file, bare] of modules) expect(bare, file).toEqual([]);
  });

  it('states the engine messages', () => {
    expect(
      windowViolations({ windowLengthMs: 7_200_000, slideMs: 1000 }, 1000, { retentionMs: 3_600_000 }),
    ).toEqual([
      'window length 2h must be at most the retention horizon 1h (raise the StreamingContext option retentionMs or add tiers to its history option)',
    ]);
    expect(formatDuration(90_000)).toBe('90s');
  });
});
