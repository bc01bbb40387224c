// The V8 flags a checkout launches its server and its `hashpulse` command with, so a bench runs them
// as users do (a checkout from before the two had flags of their own: its one list; from before
// the flags existed: none).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type FlagsModule = {
  SERVER_NODE_FLAGS?: readonly string[];
  CLI_NODE_FLAGS?: readonly string[];
  NODE_FLAGS?: readonly string[];
};

async function flagsModule(checkout: string): Promise<FlagsModule> {
  const file = path.join(checkout, 'apps/server/src/runtime/node-flags.ts');
  if (!existsSync(file)) return {};
  return (await import(pathToFileURL(file).href)) as FlagsModule;
}

/** The flags of the checkout's server (npm start, the Dockerfile). */
export async function serverFlagsOf(checkout: string): Promise<readonly string[]> {
  const flags = await flagsModule(checkout);
  return flags.SERVER_NODE_FLAGS ?? flags.NODE_FLAGS ?? [];
}

/** The flags of the checkout's `hashpulse` command (`analyze`). */
export async function cliFlagsOf(checkout: string): Promise<readonly string[]> {
  const flags = await flagsModule(checkout);
  return flags.CLI_NODE_FLAGS ?? flags.NODE_FLAGS ?? [];
}
