// Typed errors of the offline analyser (`hashpulse analyze`); each message says what to change.
import { HashpulseError } from '../errors.js';

/** A flag the analyser cannot work with: a bad duration, an invalid window, a bad limit. */
export class AnalyzeOptionError extends HashpulseError {
  override readonly name = 'AnalyzeOptionError';
  override readonly code = 'HP_ERR_SERVER_ANALYZE_OPTION';
}

/** The input spans so much time that the run would emit more windows than allowed. */
export class AnalysisTooLargeError extends HashpulseError {
  override readonly name = 'AnalysisTooLargeError';
  override readonly code = 'HP_ERR_SERVER_ANALYSIS_TOO_LARGE';
}

/**
 * The engine's output did not match the input: a window the rule requires was not emitted, or a
 * tweet read from the files never reached the job. An engine bug, reported rather than papered over.
 */
export class AnalysisIntegrityError extends HashpulseError {
  override readonly name = 'AnalysisIntegrityError';
  override readonly code = 'HP_ERR_SERVER_ANALYSIS_INTEGRITY';
}
