#!/usr/bin/env -S node --max-semi-space-size=64 --expose-gc
// The `hashpulse` command. Production runs the compiled CLI (dist/) on plain node. A development
// checkout run with the hashpulse-source condition (vitest and `npm run dev` set it through
// NODE_OPTIONS) gets the TypeScript source instead, loaded by tsx, a devDependency.
const entry = import.meta.resolve('#cli');
if (entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { runCli } = await import(entry);
process.exitCode = await runCli(process.argv.slice(2));
