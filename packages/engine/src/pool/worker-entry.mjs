// Development-only entry of each pool worker (the compiled pool starts dist/pool/worker-runner.js).
// Node 20 ignores `--import tsx` in a Worker's execArgv for the entry file, so tsx (a devDependency)
// is registered here, then the TypeScript runner (and task modules) load through it.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./worker-runner.ts', import.meta.url).href);
