// Profiles a replay's records carried (includes.users), held until the batch of the record that
// carried them runs, then stored before that batch's lookup: a join sees the profiles of its own
// and earlier batches, never of later ones, however the replay and the batches interleave (decode
// threads, a busy machine) — as each cluster worker's store sees them.
import type { Profile } from '@hashpulse/tweets';

export class CarriedProfiles {
  private pending: Array<{ time: number; profiles: Profile[] }> = [];
  /** Entries before it were taken; the array is compacted when it is taken whole. */
  private head = 0;
  /** Whether pending[head..] came in time order, as a replay's records mostly do. */
  private inOrder = true;

  /** `time`: the engine time of the record that carried them. */
  add(time: number, profiles: Profile[]): void {
    const last = this.pending.at(-1);
    // Taking compacts the queue, so a last entry is always one not yet taken.
    if (last !== undefined && time < last.time) this.inOrder = false;
    this.pending.push({ time, profiles });
  }

  /** The profiles carried by records before `batchTime` (the batch's end), in the order they came. */
  takeBefore(batchTime: number): Profile[] {
    const taken: Profile[] = [];
    const { pending } = this;
    if (this.inOrder) {
      // A replay at `max` reads far ahead of its batches: take the front rather than scan them all.
      let i = this.head;
      for (; i < pending.length && pending[i]!.time < batchTime; i++) taken.push(...pending[i]!.profiles);
      this.head = i;
    } else {
      const kept: Array<{ time: number; profiles: Profile[] }> = [];
      for (let i = this.head; i < pending.length; i++) {
        const entry = pending[i]!;
        if (entry.time < batchTime) taken.push(...entry.profiles);
        else kept.push(entry);
      }
      this.pending = kept;
      this.head = 0;
      this.inOrder = true;
      for (let i = 1; i < kept.length; i++) if (kept[i]!.time < kept[i - 1]!.time) this.inOrder = false;
    }
    if (this.head === this.pending.length || this.head > 4096) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
    return taken;
  }
}
