// The session the server saves in its state directory, so a restart (or a crash) resumes it:
// which replay was playing, read back and validated before anything is resumed.
import { z } from 'zod';
import { ReplaySpeedSchema } from './rest.js';
import { WindowConfigSchema } from './window-config.js';

export const SAVED_SESSION_VERSION = 1;

export const SavedSessionSchema = z.strictObject({
  version: z.literal(SAVED_SESSION_VERSION),
  /** Names the session's checkpoint directory; a new session gets a new id. */
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  kind: z.literal('replay'),
  files: z.array(z.string().min(1).max(512)).min(1).max(64),
  speed: ReplaySpeedSchema,
  loop: z.boolean(),
  /** The gap threshold the replay was started with, in ms (absent: the server's REPLAY_GAP). */
  gapMs: z
    .number()
    .int()
    .min(1000)
    .max(30 * 86_400_000)
    .optional(),
  /** The window the session started with (its checkpoints hold any later change). */
  window: WindowConfigSchema,
  startedAt: z.number(),
});
export type SavedSession = z.infer<typeof SavedSessionSchema>;
