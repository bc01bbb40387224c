// A profile store held in a Map: the default store (empty, or loaded from a file) that the stream's
// includes.users keep filling. Lookups are synchronous under the hood; the Promise is the contract.
import type { Profile } from '@hashpulse/tweets';
import { ProfileStoreClosedError } from './errors';
import { mergeProfile } from './merge-profile';
import { emptyStats } from './profile-store';
import type { ProfileStore, ProfileStoreStats } from './profile-store';

export class MemoryProfileStore implements ProfileStore {
  readonly kind: 'memory' | 'file' = 'memory';
  private profiles = new Map<string, Profile>();
  private closed = false;
  private readonly counters = emptyStats();

  constructor(profiles: Iterable<Profile> = []) {
    this.addNow(profiles);
  }

  /** The synchronous add, for loading. */
  protected addNow(profiles: Iterable<Profile>): void {
    this.assertOpen();
    for (const profile of profiles) {
      this.profiles.set(profile.id, mergeProfile(this.profiles.get(profile.id), profile));
    }
  }

  async lookup(ids: readonly string[]): Promise<Map<string, Profile>> {
    this.assertOpen();
    const found = new Map<string, Profile>();
    const unique = new Set(ids);
    for (const id of unique) {
      const profile = this.profiles.get(id);
      if (profile !== undefined) found.set(id, profile);
    }
    this.counters.lookups += 1;
    this.counters.requested += unique.size;
    this.counters.matched += found.size;
    return found;
  }

  async add(profiles: readonly Profile[]): Promise<void> {
    this.addNow(profiles);
  }

  async size(): Promise<number> {
    this.assertOpen();
    return this.profiles.size;
  }

  stats(): ProfileStoreStats {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.profiles = new Map();
  }

  private assertOpen(): void {
    if (this.closed) throw new ProfileStoreClosedError(this.kind);
  }
}
