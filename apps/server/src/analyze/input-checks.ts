// What `hashpulse analyze` takes, checked before any work: recordings as FILE arguments (tweets, or
// a stream's notices), user profiles after --profiles. A file of the wrong kind is refused with
// what it holds and where it belongs (WrongFileKindError), never analysed into "0 tweets".
import path from 'node:path';
import { assertFileKind, type KindExpectation } from '../files/index.js';
import { isPostgresUrl, profilesInput } from '../profiles/index.js';
import type { InputFile } from '../sources/replay/index.js';

const RECORDING = 'name a tweet recording (X API JSON lines, .jsonl or .jsonl.gz)';

/** A notices-only recording is a stream that carried no tweets: analysed, its notices reported. */
export const ANALYZE_INPUT: KindExpectation = {
  takes: 'tweets',
  accept: ['tweets', 'notices'],
  advice: { profiles: 'pass it with --profiles', otherwise: RECORDING },
};

export const ANALYZE_PROFILES = profilesInput('--profiles', 'pass it as a FILE argument');

/** Throws WrongFileKindError for the first input of the wrong kind. */
export async function checkAnalyzeInputs(
  files: readonly InputFile[],
  profiles: string | undefined,
): Promise<void> {
  for (const file of files) await assertFileKind(file.path, file.name, ANALYZE_INPUT);
  if (profiles !== undefined && profiles.trim() !== '' && !isPostgresUrl(profiles)) {
    await assertFileKind(path.resolve(profiles), profiles, ANALYZE_PROFILES);
  }
}
