// Profiles of the authors seen most recently, kept to name top authors without another lookup: at
// least the last `size` distinct authors seen, at most twice that, in two generations (the older
// dropped whole when the newer fills), as quick-lru keeps them.
//
// Written here rather than with quick-lru because the job notes every tweet's author: quick-lru's
// get() looks a key up twice per map (has, then get) and moves an older entry with a delete and a
// set, and its set() wraps each value in a new object. Here a tweet whose author is already noted
// costs one Map lookup. Replaying 1M generated tweets, quick-lru's get and set were 1.1 s of the
// server's 28-30 CPU s on the main thread (`--cpu-prof`).

import type { Profile } from '@hashpulse/tweets';

export class RecentProfiles {
  private newer = new Map<string, Profile>();
  private older = new Map<string, Profile>();

  constructor(private readonly size: number) {}

  get(id: string): Profile | undefined {
    return this.newer.get(id) ?? this.older.get(id);
  }

  /** Notes an author's profile as seen now (its latest copy is kept). */
  see(profile: Profile): void {
    if (this.newer.get(profile.id) === profile) return;
    this.newer.set(profile.id, profile);
    if (this.newer.size < this.size) return;
    this.older = this.newer;
    this.newer = new Map();
  }

  /** [id, profile], least recently seen first: seeing them in this order restores the same set. */
  *entries(): Generator<[string, Profile], undefined, undefined> {
    for (const entry of this.older) if (!this.newer.has(entry[0])) yield entry;
    yield* this.newer;
  }
}
