// Plain-JS entry of each pool worker. Node 20 ignores `--import tsx` in a Worker's execArgv for the
// entry file, so tsx is registered here, then the TypeScript runner (and task modules) load through it.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./worker-runner.ts', import.meta.url).href);
