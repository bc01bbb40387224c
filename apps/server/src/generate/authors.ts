// The synthetic author population. Each author is a pure function of (seed, index), so the stream
// and the profiles file agree without holding the population in memory.
import { Random } from './random.js';
import {
  FIRST_NAMES,
  HANDLE_WORDS,
  LANGUAGE_WEIGHTS,
  LAST_NAMES,
  LOCATIONS,
  type Language,
} from './vocabulary.js';

/** Share of authors left out of the profiles file, so the profile join has misses. */
export const MISSING_PROFILE_SHARE = 0.08;

export interface SyntheticAuthor {
  index: number;
  id: string;
  username: string;
  name: string;
  lang: Language;
  followers: number;
  following: number;
  tweetCount: number;
  listed: number;
  verified: boolean;
  createdAt: string;
  location: string;
  description: string;
  /** False for the authors deliberately missing from the profiles file. */
  inProfiles: boolean;
}

/** How many authors a stream of `tweets` tweets draws from (heavy posters and a long tail). */
export function populationSize(tweets: number): number {
  return Math.min(200_000, Math.max(50, Math.round(tweets / 4)));
}

const ACCOUNT_EPOCH = Date.UTC(2008, 0, 1);
const ACCOUNT_SPAN = Date.UTC(2023, 0, 1) - ACCOUNT_EPOCH;

function verifiedChance(followers: number): number {
  if (followers >= 1_000_000) return 0.9;
  if (followers >= 100_000) return 0.5;
  if (followers >= 10_000) return 0.05;
  return 0.002;
}

export function authorAt(seed: number, index: number): SyntheticAuthor {
  const random = new Random(seed, 0x617574, index);
  const lang = random.weighted(LANGUAGE_WEIGHTS);
  const first = random.pick(FIRST_NAMES[lang]);
  const last = random.pick(LAST_NAMES[lang]);
  // Follower counts follow a Pareto tail: most accounts have hundreds, a few have millions.
  const followers = Math.min(80_000_000, Math.floor(random.pareto(50, 1)) - 50 + random.int(50));
  const handle = `${random.pick(HANDLE_WORDS)}_${random.pick(HANDLE_WORDS)}${index.toString(36)}`;
  return {
    index,
    // Distinct per index; the offset keeps them in the 64-bit range X ids use.
    id: String(1_400_000_000_000 + index * 97 + (Math.abs(seed) % 97)),
    username: handle.slice(0, 15),
    name: `${first} ${last}`,
    lang,
    followers,
    following: Math.floor(random.pareto(50, 1.6)) % 20_000,
    tweetCount: Math.floor(random.pareto(100, 0.9)) % 5_000_000,
    listed: Math.floor(followers / (50 + random.int(200))),
    verified: random.chance(verifiedChance(followers)),
    createdAt: new Date(
      ACCOUNT_EPOCH + Math.floor((random.next() * ACCOUNT_SPAN) / 1000) * 1000,
    ).toISOString(),
    location: random.pick(LOCATIONS[lang]),
    description: `${random.pick(HANDLE_WORDS)} · ${random.pick(HANDLE_WORDS)} · ${random.pick(HANDLE_WORDS)}`,
    inProfiles: !random.chance(MISSING_PROFILE_SHARE),
  };
}

/** The author as an X API v2 user object (as `users` lookups and `includes.users` return it). */
export function userObject(author: SyntheticAuthor): Record<string, unknown> {
  return {
    id: author.id,
    name: author.name,
    username: author.username,
    created_at: author.createdAt,
    description: author.description,
    location: author.location,
    verified: author.verified,
    protected: false,
    url: '',
    public_metrics: {
      followers_count: author.followers,
      following_count: author.following,
      tweet_count: author.tweetCount,
      listed_count: author.listed,
    },
  };
}
