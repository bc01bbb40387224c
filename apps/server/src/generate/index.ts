// The synthetic tweet stream generator behind `hashpulse generate`.
export { generateMessages, generateProfiles, writeGeneratedStream, expectedTweets } from './stream-generator';
export type { GeneratedTweet, WriteStreamOptions, WriteStreamResult } from './stream-generator';
export {
  InvalidGenerateOptionError,
  DEFAULT_STREAM_OPTIONS,
  defaultProfilesPath,
  parseStreamFlags,
  validateStreamOptions,
} from './options';
export type { StreamOptions } from './options';
