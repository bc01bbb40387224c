// Picks the profile store from one spec string, as --profiles / DATABASE_URL / PROFILES_FILE give it:
// postgres:// URL -> PostgreSQL, a path -> file store, nothing -> an empty store in memory.
import { FileProfileStore } from './file-profile-store.js';
import type { FileProfileStoreOptions } from './file-profile-store.js';
import { MemoryProfileStore } from './memory-profile-store.js';
import { PostgresProfileStore } from './postgres-profile-store.js';
import type { PostgresProfileStoreOptions } from './postgres-profile-store.js';
import type { ProfileStore } from './profile-store.js';

export interface CreateProfileStoreOptions {
  file?: FileProfileStoreOptions;
  postgres?: PostgresProfileStoreOptions;
}

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

export async function createProfileStore(
  spec: string | undefined,
  options: CreateProfileStoreOptions = {},
): Promise<ProfileStore> {
  if (spec === undefined || spec.trim() === '') return new MemoryProfileStore();
  if (isPostgresUrl(spec)) return PostgresProfileStore.open(spec, options.postgres);
  return FileProfileStore.load(spec, options.file);
}
