// Typed errors of the offline analyser (`hashpulse analyze`); each message says what to change.

/** A flag the analyser cannot work with: a bad duration, an invalid window, a bad limit. */
export class AnalyzeOptionError extends Error {
  override name = 'AnalyzeOptionError';
}

/** The input spans so much time that the run would emit more windows than allowed. */
export class AnalysisTooLargeError extends Error {
  override name = 'AnalysisTooLargeError';
}

/**
 * The engine's output did not match the input: a window the rule requires was not emitted, or a
 * tweet read from the files never reached the job. An engine bug, reported rather than papered over.
 */
export class AnalysisIntegrityError extends Error {
  override name = 'AnalysisIntegrityError';
}
