// The synthetic tweet stream generator behind `hashpulse generate`.
export {
  generateMessages,
  generateProfiles,
  writeGeneratedStream,
  expectedTweets,
} from './stream-generator.js';
export type { GeneratedTweet, WriteStreamOptions, WriteStreamResult } from './stream-generator.js';
export {
  GenerateOutputError,
  InvalidGenerateOptionError,
  DEFAULT_STREAM_OPTIONS,
  defaultProfilesPath,
  parseStreamFlags,
  validateStreamOptions,
} from './options.js';
export type { StreamOptions } from './options.js';
export { checkOutputName, planOutput, BYTES_PER_TWEET, LARGE_OUTPUT_BYTES } from './output-plan.js';
export type { OutputPlan } from './output-plan.js';
