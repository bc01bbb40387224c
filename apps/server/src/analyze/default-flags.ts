// The analyser's flag defaults, in a module of their own so `hashpulse --help` can show them without
// loading the schemas and the engine (the CLI loads those only when a command runs).

export interface AnalyzeFlags {
  /** Left out: picked from the input's time span (see auto-window.ts). */
  batch?: string | undefined;
  window?: string | undefined;
  slide?: string | undefined;
  maxWindows: string;
  /** Sentiment scorer: model or lexicon. */
  scorer: string;
}

export const DEFAULT_FLAGS: AnalyzeFlags = { maxWindows: '100000', scorer: 'model' };

/** When the window is left open, the slide picked gives at most about this many windows. */
export const TARGET_WINDOWS = 300;
