// The launch points carry the V8 flags of node-flags.ts (the Dockerfile's CMD: production-build.test.ts),
// and the flags do what they are there for.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from './node-flags.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('node flags', () => {
  it('npm start and npm run dev launch node with them', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['start', 'dev']) {
      expect(scripts[name]).toMatch(new RegExp(`\\bnode ${NODE_FLAGS.join(' ')} `));
    }
  });

  it('the hashpulse command asks for them in its shebang', () => {
    const shebang = read('apps/server/bin/hashpulse.js').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
  });

  it('give the young generation room beyond the default 16 MiB semi-spaces', () => {
    // Allocate short-lived objects until the new space has grown as far as it will.
    const script = `
      const v8 = require('node:v8');
      let keep = [], most = 0;
      for (let i = 0; i < 2e6; i++) {
        keep.push({ i, s: String(i) });
        if (keep.length > 100000) keep = [];
        if (i % 20000 === 0) most = Math.max(most, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
      }
      console.log(most / 2 ** 20);`;
    const newSpaceMiB = (flags: readonly string[]) =>
      Number(execFileSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' }));
    expect(newSpaceMiB([])).toBeLessThanOrEqual(32);
    expect(newSpaceMiB(NODE_FLAGS)).toBeGreaterThan(32);
  });
});
