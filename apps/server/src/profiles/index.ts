// Profile stores for the stream-static join: the contract, the memory/file/PostgreSQL stores, the
// factory that picks one from a spec, and the file import behind `hashpulse profiles import`.
export type { ProfileStore, ProfileStoreStats } from './profile-store';
export { MemoryProfileStore } from './memory-profile-store';
export type { MemoryProfileStoreOptions } from './memory-profile-store';
export { FileProfileStore } from './file-profile-store';
export type { FileProfileStoreOptions, ProfileLoadReport } from './file-profile-store';
export { PostgresProfileStore } from './postgres-profile-store';
export type { PostgresProfileStoreOptions } from './postgres-profile-store';
export { createProfileStore, isPostgresUrl } from './create-profile-store';
export type { CreateProfileStoreOptions } from './create-profile-store';
export { assertReadableProfileFile, readProfileFile, profileFileFormat } from './profile-file-reader';
export type {
  MalformedProfileLine,
  ProfileBatch,
  ProfileFileFormat,
  ProfileFileReadOptions,
} from './profile-file-reader';
export { importProfiles } from './import-profiles';
export type { ImportProfilesOptions, ImportProgress, ImportResult } from './import-profiles';
export { profileFromUserObject } from './user-object';
export type { ProfileDecodeResult } from './user-object';
export { mergeProfile } from './merge-profile';
export {
  InvalidProfileStoreConfigError,
  ProfileDatabaseError,
  ProfileDatabaseUnreachableError,
  ProfileFileError,
  ProfileStoreClosedError,
} from './errors';
