// Imported first by main.tsx, before any schema is built: zod probes for eval (new Function) when an
// object schema is constructed, and the dashboard's CSP forbids eval, so every load logged a CSP
// violation. Jitless parsing needs no eval and is fast enough for the dashboard's payloads.
import { config } from 'zod';

config({ jitless: true });
