// The analyser's flag defaults, in a module of their own so `hashpulse --help` can show them without
// loading the schemas and the engine (the CLI loads those only when a command runs).

export interface AnalyzeFlags {
  batch: string;
  window: string;
  slide: string;
  maxWindows: string;
}

export const DEFAULT_FLAGS: AnalyzeFlags = { batch: '1s', window: '60s', slide: '10s', maxWindows: '100000' };
