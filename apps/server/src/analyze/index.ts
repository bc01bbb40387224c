// The offline analyser behind `hashpulse analyze`: the analytics job run on the manual clock over
// recorded files, its JSON report schema, and the readable report.
export { analyzeFiles, DEFAULT_MAX_WINDOWS } from './analyze-files.js';
export type { AnalyzeFilesOptions, AnalyzeProgress, AnalysisResult } from './analyze-files.js';
export { AnalysisReportSchema, WindowReportSchema } from './report-schema.js';
export type { AnalysisReport, WindowReport } from './report-schema.js';
export { analyzeSettings, DEFAULT_FLAGS } from './options.js';
export { resolveWindow, describeWindow, TARGET_WINDOWS, type WindowChoice } from './auto-window.js';
export type { AnalyzeFlags, AnalyzeSettings } from './options.js';
export { windowEnds } from './window-ends.js';
export type { WindowEnds } from './window-ends.js';
export { formatTextReport } from './text-report.js';
export type { TextReportOptions } from './text-report.js';
export { ProblemLog, MAX_LISTED_PROBLEMS } from './problem-log.js';
export { ProgressLine } from './progress-line.js';
export type { ProgressOutput, ProgressLineOptions } from './progress-line.js';
export { AnalyzeOptionError, AnalysisTooLargeError, AnalysisIntegrityError } from './errors.js';
