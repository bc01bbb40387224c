// Profiles a replay's records carried (includes.users), held until the batch of the record that
// carried them runs, then stored before that batch's lookup: a join sees the profiles of its own
// and earlier batches, never of later ones, however the replay and the batches interleave (decode
// threads, a busy machine) — as each cluster worker's store sees them.
import type { Profile } from '@hashpulse/tweets';

export class CarriedProfiles {
  private pending: Array<{ time: number; profiles: Profile[] }> = [];

  /** `time`: the engine time of the record that carried them. */
  add(time: number, profiles: Profile[]): void {
    this.pending.push({ time, profiles });
  }

  /** The profiles carried by records before `batchTime` (the batch's end), in the order they came. */
  takeBefore(batchTime: number): Profile[] {
    const taken: Profile[] = [];
    const kept: Array<{ time: number; profiles: Profile[] }> = [];
    for (const entry of this.pending) {
      if (entry.time < batchTime) taken.push(...entry.profiles);
      else kept.push(entry);
    }
    this.pending = kept;
    return taken;
  }
}
