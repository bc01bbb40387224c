// Checks what someone typed into the window form with the protocol's own rules, before anything is sent.
import {
  InvalidDurationError,
  parseDuration,
  windowConfigViolations,
  type WindowConfig,
} from '@hashpulse/protocol';

export interface WindowFormValues {
  batchInterval: string;
  windowLength: string;
  slide: string;
}

export interface WindowFormCheck {
  /** The configuration, when every field parses and no rule is broken. */
  config: WindowConfig | null;
  /** Each problem as a sentence naming the field or rule; empty when the form can be applied. */
  problems: string[];
}

const FIELD_NAMES: Record<keyof WindowFormValues, string> = {
  batchInterval: 'batch interval',
  windowLength: 'window length',
  slide: 'slide',
};

export function checkWindowForm(values: WindowFormValues): WindowFormCheck {
  const problems: string[] = [];
  const ms: Partial<Record<keyof WindowFormValues, number>> = {};
  for (const field of Object.keys(FIELD_NAMES) as (keyof WindowFormValues)[]) {
    try {
      ms[field] = parseDuration(values[field]);
    } catch (error) {
      if (!(error instanceof InvalidDurationError)) throw error;
      problems.push(`${FIELD_NAMES[field]}: ${error.message}`);
    }
  }
  if (ms.batchInterval === undefined || ms.windowLength === undefined || ms.slide === undefined) {
    return { config: null, problems };
  }
  const config = { batchIntervalMs: ms.batchInterval, windowLengthMs: ms.windowLength, slideMs: ms.slide };
  const violations = windowConfigViolations(config);
  return violations.length === 0 ? { config, problems: [] } : { config: null, problems: violations };
}
