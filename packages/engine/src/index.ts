// Public API of @hashpulse/engine: the only module other packages may import.
export type { Source, SourceSink, SourceOffset } from './source/source';
