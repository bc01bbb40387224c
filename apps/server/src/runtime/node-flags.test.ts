// The launch points carry the V8 flags of node-flags.ts (the Dockerfile's CMD: production-build.test.ts),
// the server's and the command's each their own, and the flags do what they are there for.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_NODE_FLAGS, SERVER_NODE_FLAGS } from './node-flags.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('node flags', () => {
  it('npm start and npm run dev launch the server with its flags', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['start', 'dev']) {
      expect(scripts[name]).toMatch(new RegExp(`\\bnode ${SERVER_NODE_FLAGS.join(' ')} `));
    }
  });

  it("expose gc() to the command, for analyze's heap budget, and not to the server", () => {
    const gcType = (flags: readonly string[]) =>
      execFileSync(process.execPath, [...flags, '-e', 'console.log(typeof gc)'], { encoding: 'utf8' }).trim();
    expect(gcType(CLI_NODE_FLAGS)).toBe('function');
    expect(gcType(SERVER_NODE_FLAGS)).toBe('undefined');
  });

  it('the hashpulse command asks for its own in its shebang', () => {
    const shebang = read('apps/server/bin/hashpulse.js').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${CLI_NODE_FLAGS.join(' ')}`);
  });

  it('give the young generation room beyond the default 16 MiB semi-spaces, the server from the start', () => {
    // Allocate short-lived objects until the new space has grown as far as it will; `first` is its
    // size after the first few thousand objects.
    const script = `
      const v8 = require('node:v8');
      const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
      let keep = [], most = 0, first = 0;
      for (let i = 0; i < 2e6; i++) {
        keep.push({ i, s: String(i) });
        if (keep.length > 100000) keep = [];
        if (i === 5000) first = newSpace();
        if (i % 20000 === 0) most = Math.max(most, newSpace());
      }
      console.log(JSON.stringify({ first: first / 2 ** 20, most: most / 2 ** 20 }));`;
    const newSpaceMiB = (flags: readonly string[]) =>
      JSON.parse(execFileSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' })) as {
        first: number;
        most: number;
      };
    const defaults = newSpaceMiB([]);
    const cli = newSpaceMiB(CLI_NODE_FLAGS);
    const server = newSpaceMiB(SERVER_NODE_FLAGS);
    expect(defaults.most).toBeLessThanOrEqual(32);
    expect(cli.most).toBeGreaterThan(32);
    expect(cli.first).toBeLessThanOrEqual(32);
    expect(server.first).toBeGreaterThan(32);
  });
});
