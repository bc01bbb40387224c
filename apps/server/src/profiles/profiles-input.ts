// What every way of giving hashpulse a profiles file accepts (`profiles import`, `analyze --profiles`,
// PROFILES_FILE), and the one way each says so when it is given something else.
import type { KindExpectation } from '../files/index.js';

export const PROFILE_FILE_FORMATS =
  'user profiles (JSONL user objects or user-lookup pages, or CSV with an id column)';

/**
 * The expectation for a profiles input named `option`; `forTweets` says what to do with a tweet
 * recording instead. Unrecognised text goes on to the profile reader, which names each bad line.
 */
export function profilesInput(option: string, forTweets: string): KindExpectation {
  return {
    takes: 'user profiles',
    accept: ['profiles', 'unknown'],
    advice: {
      tweets: `${forTweets}; ${option} takes ${PROFILE_FILE_FORMATS}`,
      otherwise: `${option} takes ${PROFILE_FILE_FORMATS}`,
    },
  };
}

/** The server's PROFILES_FILE. */
export const PROFILES_FILE_INPUT = profilesInput(
  'PROFILES_FILE',
  'put it in DATA_DIR to replay it, or pass it to `hashpulse analyze`',
);
