// Profiles a replay's records carried (includes.users), held until the batch of the record that
// carried them runs, then stored before that batch's lookup: a join sees the profiles of its own
// and earlier batches, never of later ones, however the replay and the batches interleave (decode
// threads, a busy machine) — as each cluster worker's store sees them.
import type { Profile } from '@hashpulse/tweets';

export class CarriedProfiles {
  // A record's time and profiles side by side in two arrays rather than an object per record: a
  // replay at `max` adds one for every record that carries a user (some 550k of the 1M generated
  // tweets), each made only to be taken a batch later.
  private times: number[] = [];
  private lists: Profile[][] = [];
  /** Entries before it were taken; the arrays are compacted when they are taken whole. */
  private head = 0;
  /** Whether times[head..] came in time order, as a replay's records mostly do. */
  private inOrder = true;

  /** `time`: the engine time of the record that carried them. */
  add(time: number, profiles: Profile[]): void {
    // Taking compacts the queue, so a last entry is always one not yet taken.
    const last = this.times.length - 1;
    if (last >= 0 && time < this.times[last]!) this.inOrder = false;
    this.times.push(time);
    this.lists.push(profiles);
  }

  /** The profiles carried by records before `batchTime` (the batch's end), in the order they came. */
  takeBefore(batchTime: number): Profile[] {
    const taken: Profile[] = [];
    const { times, lists } = this;
    if (this.inOrder) {
      // A replay at `max` reads far ahead of its batches: take the front rather than scan them all.
      let i = this.head;
      for (; i < times.length && times[i]! < batchTime; i++) pushAll(taken, lists[i]!);
      this.head = i;
    } else {
      const keptTimes: number[] = [];
      const keptLists: Profile[][] = [];
      for (let i = this.head; i < times.length; i++) {
        if (times[i]! < batchTime) pushAll(taken, lists[i]!);
        else {
          keptTimes.push(times[i]!);
          keptLists.push(lists[i]!);
        }
      }
      this.times = keptTimes;
      this.lists = keptLists;
      this.head = 0;
      this.inOrder = true;
      for (let i = 1; i < keptTimes.length; i++) if (keptTimes[i]! < keptTimes[i - 1]!) this.inOrder = false;
    }
    if (this.head === this.times.length || this.head > 4096) {
      this.times = this.times.slice(this.head);
      this.lists = this.lists.slice(this.head);
      this.head = 0;
    }
    return taken;
  }
}

/** Appends `from` to `into` one by one (a spread copies the list into arguments first). */
function pushAll(into: Profile[], from: readonly Profile[]): void {
  for (let k = 0; k < from.length; k++) into.push(from[k]!);
}
