import { describe, expect, it } from 'vitest';
import { profile } from '../../test/support/profiles.js';
import { ProfileStoreClosedError } from './errors.js';
import { MemoryProfileStore } from './memory-profile-store.js';

describe('memory profile store', () => {
  it('keeps loaded profiles and only the most recently used stream profiles beyond the bound', async () => {
    const store = new MemoryProfileStore([profile('base', { username: 'pinned' })], { maxStreamProfiles: 3 });
    await store.add([profile('s1'), profile('s2'), profile('s3')]);
    await store.lookup(['s1']); // s1 is now more recent than s2
    await store.add([profile('s4'), profile('base', { followers: 9 })]);
    const found = await store.lookup(['base', 's1', 's2', 's3', 's4']);
    expect(found.map((known) => known?.id)).toEqual(['base', 's1', undefined, 's3', 's4']);
    expect(found[0]).toMatchObject({ username: 'pinned', followers: 9 });
    expect(await store.size()).toBe(4);
  });

  it('peeks at a profile as held now, loaded or streamed, without making it recent', async () => {
    const store = new MemoryProfileStore([profile('file', { username: 'f' })], { maxStreamProfiles: 2 });
    await store.add([profile('s1', { username: 'one' }), profile('s2', { username: 'two' })]);
    expect(store.peek('file')?.username).toBe('f');
    expect(store.peek('s1')?.username).toBe('one');
    expect(store.peek('nobody')).toBeUndefined();
    // The peek does not make s1 recent: it is still the least recent, dropped for a third one.
    await store.lookup(['s2']);
    expect(store.peek('s1')?.username).toBe('one');
    await store.add([profile('s3')]);
    expect(store.peek('s1')).toBeUndefined();
    expect(store.peek('s2')?.username).toBe('two');
    await store.close();
    expect(store.peek('file')).toBeUndefined();
  });

  it('merges repeated stream profiles field by field', async () => {
    const store = new MemoryProfileStore();
    await store.add([
      profile('1', { username: 'a', followers: 1 }),
      profile('1', { followers: 2, verified: true }),
    ]);
    expect((await store.lookup(['1']))[0]).toEqual(
      profile('1', { username: 'a', followers: 2, verified: true }),
    );
    expect(store.stats()).toEqual({ lookups: 1, requested: 1, matched: 1, queries: 0, cacheHits: 0 });
  });

  it('merges a loaded profile changed twice in one call in the order given, each time into the last', async () => {
    const store = new MemoryProfileStore([profile('1', { username: 'a', followers: 1 })]);
    await store.add([
      profile('1', { followers: 2 }),
      profile('2', { username: 'b' }),
      profile('1', { followers: 1, verified: true }),
      profile('1', { followers: 1, verified: true }),
      profile('1', { followers: 3 }),
    ]);
    const expected = profile('1', { username: 'a', followers: 3, verified: true });
    expect((await store.lookup(['1', '2']))[0]).toEqual(expected);
    expect(store.snapshotStreamProfiles().updated).toEqual([expected]);
  });

  it('keeps for checkpoints only the loaded profiles a stream copy changed', async () => {
    const store = new MemoryProfileStore([profile('1', { username: 'a', followers: 1 }), profile('2')]);
    await store.add([profile('1', { username: 'a', followers: 1 }), profile('2', { followers: 5 })]);
    expect(store.snapshotStreamProfiles().updated.map((known) => known.id)).toEqual(['2']);
  });

  it('restores from a snapshot what the stream added, as a store loaded again resumes it', async () => {
    const loaded = () => [profile('1', { username: 'a' }), profile('2', { username: 'b' })];
    const before = new MemoryProfileStore(loaded());
    await before.add([profile('1', { followers: 4 }), profile('s', { username: 'streamed' })]);
    const after = new MemoryProfileStore(loaded());
    after.restoreStreamProfiles(before.snapshotStreamProfiles());
    const ids = ['1', '2', 's'];
    expect(await after.lookup(ids)).toEqual(await before.lookup(ids));
    expect(after.snapshotStreamProfiles()).toEqual(before.snapshotStreamProfiles());
  });

  it('refuses lookups, adds and its size once closed', async () => {
    const store = new MemoryProfileStore([profile('1')]);
    await store.close();
    await expect(store.lookup(['1'])).rejects.toBeInstanceOf(ProfileStoreClosedError);
    await expect(store.add([profile('2')])).rejects.toBeInstanceOf(ProfileStoreClosedError);
    await expect(store.size()).rejects.toBeInstanceOf(ProfileStoreClosedError);
  });

  it('answers each id in the order asked, repeats included, and counts each asking', async () => {
    const store = new MemoryProfileStore([profile('1', { username: 'a' })]);
    await store.add([profile('s', { username: 'streamed' })]);
    const found = await store.lookup(['1', '2', '1', 's', '2', '3']);
    expect(found.map((known) => known?.username)).toEqual([
      'a',
      undefined,
      'a',
      'streamed',
      undefined,
      undefined,
    ]);
    expect(found).toHaveLength(6);
    expect(store.stats()).toMatchObject({ lookups: 1, requested: 6, matched: 3 });
    expect(await store.lookup([])).toEqual([]);
  });
});
