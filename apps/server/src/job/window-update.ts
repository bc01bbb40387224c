// Turns one slide's windowed aggregates into the WindowUpdate every sink receives.
import { FOLLOWER_TIERS, type AuthorReach, type WindowUpdate } from '@hashpulse/protocol';
import type { Profile, SpellingTracker } from '@hashpulse/tweets';
import {
  A_REACH,
  A_TWEETS,
  S_COUNT,
  T_MATCHED,
  T_MISSING,
  T_TIERS,
  T_UNKNOWN,
  T_UNVERIFIED,
  T_VERIFIED,
  sentimentSummary,
} from './aggregates.js';

export interface WindowInfo {
  start: number;
  end: number;
  windowLengthMs: number;
  slideMs: number;
}

/** What the job's window operators report for one window end. */
export interface WindowParts {
  window: WindowInfo;
  totals: number[];
  /** Top hashtag keys with their sentiment vectors, by count. */
  tags: Array<[string, number[]]>;
  /** Top authors with [tweets, reach], by reach. */
  authors: Array<[string, number[]]>;
}

export interface AssembleOptions {
  batchIntervalMs: number;
  spellings: SpellingTracker;
  profileOf(id: string): Profile | null;
  topHashtagSentiment: number;
}

export function authorReach(id: string, tweets: number, reach: number, profile: Profile | null): AuthorReach {
  return {
    id,
    username: profile?.username ?? null,
    name: profile?.name ?? null,
    verified: profile?.verified ?? null,
    followers: profile?.followers ?? 0,
    tweets,
    reach,
  };
}

export function assembleWindowUpdate(parts: WindowParts, options: AssembleOptions): WindowUpdate {
  const { window, totals } = parts;
  const tweets = totals[S_COUNT]!;
  return {
    start: window.start,
    end: window.end,
    config: {
      batchIntervalMs: options.batchIntervalMs,
      windowLengthMs: window.windowLengthMs,
      slideMs: window.slideMs,
    },
    tweets,
    rate: tweets / (window.windowLengthMs / 1000),
    hashtags: parts.tags.map(([key, vector]) => ({
      tag: options.spellings.display(key),
      key,
      count: vector[S_COUNT]!,
    })),
    sentiment: sentimentSummary(totals),
    hashtagSentiment: parts.tags.slice(0, options.topHashtagSentiment).map(([key, vector]) => ({
      tag: options.spellings.display(key),
      key,
      count: vector[S_COUNT]!,
      ...sentimentSummary(vector),
    })),
    profiles: {
      verified: {
        verified: totals[T_VERIFIED]!,
        unverified: totals[T_UNVERIFIED]!,
        unknown: totals[T_UNKNOWN]!,
      },
      followerTiers: FOLLOWER_TIERS.map((tier, i) => ({ tier, count: totals[T_TIERS + i]! })),
      topAuthors: parts.authors.map(([id, vector]) =>
        authorReach(id, vector[A_TWEETS]!, vector[A_REACH]!, options.profileOf(id)),
      ),
    },
    join: { matched: totals[T_MATCHED]!, missing: totals[T_MISSING]! },
  };
}
