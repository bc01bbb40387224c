// Picks the profile store from one spec string, as --profiles / DATABASE_URL / PROFILES_FILE give it:
// postgres:// URL -> PostgreSQL, a path -> file store, nothing -> an empty store in memory.
import { FileProfileStore } from './file-profile-store.js';
import type { FileProfileStoreOptions } from './file-profile-store.js';
import { MemoryProfileStore } from './memory-profile-store.js';
import { PostgresProfileStore } from './postgres-profile-store.js';
import type { PostgresProfileStoreOptions } from './postgres-profile-store.js';
import type { ProfileStore } from './profile-store.js';
import { ResilientProfileStore, type ResilientProfileStoreOptions } from './resilient-profile-store.js';

export interface CreateProfileStoreOptions {
  file?: FileProfileStoreOptions;
  postgres?: PostgresProfileStoreOptions;
  /**
   * A long-running server rides out database outages: a PostgreSQL store is wrapped in a
   * ResilientProfileStore (its probe is the store's ping). Offline analysis leaves it off and fails.
   */
  resilient?: Omit<ResilientProfileStoreOptions, 'probe'>;
}

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

export async function createProfileStore(
  spec: string | undefined,
  options: CreateProfileStoreOptions = {},
): Promise<ProfileStore> {
  if (spec === undefined || spec.trim() === '') return new MemoryProfileStore();
  if (isPostgresUrl(spec)) {
    if (options.resilient === undefined) return PostgresProfileStore.open(spec, options.postgres);
    let resilient: ResilientProfileStore | null = null;
    const store = await PostgresProfileStore.open(spec, {
      ...options.postgres,
      // An idle connection dropping may be the first sign of an outage: the store checks at once.
      onBackgroundError: () => resilient?.check(),
    });
    resilient = new ResilientProfileStore(store, { ...options.resilient, probe: () => store.ping() });
    return resilient;
  }
  return FileProfileStore.load(spec, options.file);
}
