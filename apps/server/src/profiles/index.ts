// Profile stores for the stream-static join: the contract, the memory/file/PostgreSQL stores, the
// factory that picks one from a spec, and the file import behind `hashpulse profiles import`.
export type { ProfileStore, ProfileStoreStats } from './profile-store.js';
export { MemoryProfileStore } from './memory-profile-store.js';
export type { MemoryProfileStoreOptions, StreamProfilesSnapshot } from './memory-profile-store.js';
export { FileProfileStore } from './file-profile-store.js';
export type { FileProfileStoreOptions, ProfileLoadReport } from './file-profile-store.js';
export { PostgresProfileStore } from './postgres-profile-store.js';
export type { PostgresProfileStoreOptions } from './postgres-profile-store.js';
export { createProfileStore, isPostgresUrl } from './create-profile-store.js';
export type { CreateProfileStoreOptions } from './create-profile-store.js';
export { assertReadableProfileFile, readProfileFile, profileFileFormat } from './profile-file-reader.js';
export type {
  MalformedProfileLine,
  ProfileBatch,
  ProfileFileFormat,
  ProfileFileReadOptions,
} from './profile-file-reader.js';
export { assertProfilesFile, importProfiles, PROFILES_IMPORT_INPUT } from './import-profiles.js';
export { PROFILE_FILE_FORMATS, PROFILES_FILE_INPUT, profilesInput } from './profiles-input.js';
export type { ImportProfilesOptions, ImportProgress, ImportResult } from './import-profiles.js';
export { profileFromUserObject } from './user-object.js';
export type { ProfileDecodeResult } from './user-object.js';
export { mergeProfile } from './merge-profile.js';
export {
  InvalidProfileStoreConfigError,
  ProfileDatabaseError,
  ProfileDatabaseUnreachableError,
  ProfileFileError,
  ProfileStoreClosedError,
  ProfilesUnavailableError,
} from './errors.js';
export { ResilientProfileStore } from './resilient-profile-store.js';
export type { ProfileAvailability, ResilientProfileStoreOptions } from './resilient-profile-store.js';
