// The check every replay start makes before anything plays, in one process or from a cluster's
// web node: each file is under the data directory and is a recording of tweets.
import { assertFileKind, REPLAY_INPUT, resolveDataFile } from '../files/index.js';
import { RequestRefusedError } from './dashboard-runtime.js';

/**
 * A bad path is refused with a 400; a file that is not a recording (profiles, binary, empty),
 * which would replay to nothing, with a 400 of its own code (WrongFileKindError) that says so.
 */
export async function refuseNonRecordings(dataDir: string, files: readonly string[]): Promise<void> {
  for (const name of files) {
    const file = await resolveDataFile(dataDir, name).catch((error: Error) => {
      throw new RequestRefusedError(error.message, 400);
    });
    // Bounded and cached: the same detection as the file listing.
    await assertFileKind(file, name, REPLAY_INPUT);
  }
}
