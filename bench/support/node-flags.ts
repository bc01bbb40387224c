// The V8 flags a checkout launches its server and `hashpulse` command with, so a bench runs them
// as users do (a baseline checkout from before the flags existed: none).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function nodeFlagsOf(checkout: string): Promise<readonly string[]> {
  const file = path.join(checkout, 'apps/server/src/runtime/node-flags.ts');
  if (!existsSync(file)) return [];
  const { NODE_FLAGS } = (await import(pathToFileURL(file).href)) as { NODE_FLAGS: readonly string[] };
  return NODE_FLAGS;
}
