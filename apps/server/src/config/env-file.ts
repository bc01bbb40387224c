// Reads `.env` (KEY=value lines, as .env.example documents) from the working directory when there
// is one. The process environment wins over the file, so a deployment's variables are never
// shadowed by a stale file; the merged result is still validated once, by loadServerConfig.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './server-config.js';

export function withEnvFile(
  env: Record<string, string | undefined>,
  cwd: string,
  file = '.env',
): Record<string, string | undefined> {
  const at = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(at, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return env;
    throw new ConfigError(
      `cannot read ${at}: ${(error as Error).message} (fix its permissions or remove it)`,
      {
        cause: error,
      },
    );
  }
  return { ...parseEnv(text), ...env };
}
