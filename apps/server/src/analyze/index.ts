// The offline analyser behind `hashpulse analyze`: the analytics job run on the manual clock over
// recorded files, its JSON report schema, and the readable report.
export { analyzeFiles, DEFAULT_MAX_WINDOWS } from './analyze-files';
export type { AnalyzeFilesOptions, AnalyzeProgress, AnalysisResult } from './analyze-files';
export { AnalysisReportSchema, WindowReportSchema } from './report-schema';
export type { AnalysisReport, WindowReport } from './report-schema';
export { analyzeSettings, DEFAULT_FLAGS } from './options';
export type { AnalyzeFlags, AnalyzeSettings } from './options';
export { windowEnds } from './window-ends';
export type { WindowEnds } from './window-ends';
export { formatTextReport } from './text-report';
export type { TextReportOptions } from './text-report';
export { ProblemLog, MAX_LISTED_PROBLEMS } from './problem-log';
export { ProgressLine } from './progress-line';
export type { ProgressOutput, ProgressLineOptions } from './progress-line';
export { AnalyzeOptionError, AnalysisTooLargeError, AnalysisIntegrityError } from './errors';
