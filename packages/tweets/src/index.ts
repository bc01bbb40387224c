// Public API of @hashpulse/tweets: the tweet domain as pure functions, no I/O.
export type { Tweet, Profile, DecodedLine } from './tweet';
