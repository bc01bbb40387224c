// Hashtags count case-insensitively across scripts and show in their most frequent spelling.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpellingTracker, hashtagKey, hashtagKeys } from '../src/index.js';

/**
 * The tracker's rule written plainly, every count in its map: the shown spelling is the first to
 * reach the highest count as counts rise, and the first in the order first seen with the highest
 * count when the shown one is taken back.
 */
class PlainSpellings {
  readonly keys = new Map<string, { counts: Map<string, number>; best: string }>();

  add(tag: string, count: number): void {
    const key = hashtagKey(tag);
    const entry = this.keys.get(key);
    if (entry === undefined) {
      this.keys.set(key, { counts: new Map([[tag, count]]), best: tag });
      return;
    }
    const next = (entry.counts.get(tag) ?? 0) + count;
    entry.counts.set(tag, next);
    if (tag !== entry.best && next > entry.counts.get(entry.best)!) entry.best = tag;
  }

  remove(tag: string, count: number): void {
    const key = hashtagKey(tag);
    const entry = this.keys.get(key);
    const current = entry?.counts.get(tag);
    if (entry === undefined || current === undefined) return;
    if (current > count) entry.counts.set(tag, current - count);
    else entry.counts.delete(tag);
    if (entry.counts.size === 0) this.keys.delete(key);
    else if (entry.best === tag) {
      let top = -1;
      for (const [spelling, n] of entry.counts) {
        if (n > top) {
          entry.best = spelling;
          top = n;
        }
      }
    }
  }
}

function sameKey(...tags: string[]): void {
  const keys = new Set(tags.map(hashtagKey));
  expect([...keys]).toHaveLength(1);
}

describe('hashtag keys', () => {
  it('ASCII tags ignore case', () => {
    sameKey('BlackLivesMatter', 'blacklivesmatter', 'BLACKLIVESMATTER');
    expect(hashtagKey('Brexit')).toBe('brexit');
  });

  it('German ß folds to ss, as Unicode case folding says', () => {
    sameKey('Straße', 'STRASSE', 'strasse', 'STRAẞE');
    expect(hashtagKey('Straße')).toBe('strasse');
  });

  it('Greek final sigma and capitals without accents meet the lower-case spelling', () => {
    sameKey('ΟΔΟΣ', 'οδός', 'Οδος', 'οδοσ');
    sameKey('Ελλάδα', 'ΕΛΛΑΔΑ', 'ελλαδα');
    expect(hashtagKey('ΟΔΟΣ')).toBe('οδοσ');
    expect(hashtagKey('Ελλάδα')).not.toBe(hashtagKey('Ελλάς'));
  });

  it('Turkish dotted and dotless i are counted together', () => {
    sameKey('İstanbul', 'ISTANBUL', 'istanbul', 'Istanbul');
    sameKey('IŞIK', 'ışık', 'Işık');
  });

  it('Korean has no case: the same syllables give one key, precomposed or as jamo', () => {
    sameKey('한국', '\u1112\u1161\u11ab\u1100\u116e\u11a8');
    expect(hashtagKey('한국')).toBe('한국');
    expect(hashtagKey('한국')).not.toBe(hashtagKey('한국어'));
  });

  it('accents outside Greek are kept; composed and decomposed forms are one key', () => {
    sameKey('Café', 'café', 'cafe\u0301', 'CAFÉ');
    expect(hashtagKey('café')).not.toBe(hashtagKey('cafe'));
  });

  it('full-width letters and invisible joiners do not split a hashtag', () => {
    sameKey('ＴＥＳＴ', 'test', 'te\u200bst');
  });

  it('hashtagKeys gives the distinct keys of a tweet in order', () => {
    expect(hashtagKeys(['Brexit', 'EU', 'BREXIT', 'eu', 'Straße'])).toEqual(['brexit', 'eu', 'strasse']);
    expect(hashtagKeys([])).toEqual([]);
  });
});

describe('SpellingTracker', () => {
  it('shows the most frequent spelling of a key', () => {
    const tracker = new SpellingTracker();
    tracker.add('brexit');
    tracker.add('Brexit', 3);
    tracker.add('BREXIT', 2);
    expect(tracker.display('brexit')).toBe('Brexit');
    expect(tracker.size).toBe(1);
  });

  it('counts a spelling under the key its caller already has, as under the one it would fold', () => {
    const known = new SpellingTracker();
    const folded = new SpellingTracker();
    for (const tag of ['Straße', 'STRASSE', 'Straße']) {
      expect(known.add(tag, 1, hashtagKey(tag))).toBe(folded.add(tag));
    }
    expect(known.toJSON()).toEqual(folded.toJSON());
    expect(known.display('strasse')).toBe('Straße');
  });

  it('on a tie keeps the spelling that got there first', () => {
    const tracker = new SpellingTracker();
    tracker.add('ΟΔΟΣ');
    tracker.add('οδός');
    expect(tracker.display(hashtagKey('οδός'))).toBe('ΟΔΟΣ');
    tracker.add('οδός');
    expect(tracker.display(hashtagKey('οδός'))).toBe('οδός');
  });

  it('removing sightings hands the display to the next most frequent spelling and forgets empty keys', () => {
    const tracker = new SpellingTracker();
    tracker.add('İstanbul', 3);
    tracker.add('istanbul', 2);
    tracker.remove('İstanbul', 2);
    expect(tracker.display('istanbul')).toBe('istanbul');
    tracker.remove('istanbul', 2);
    tracker.remove('İstanbul', 1);
    expect(tracker.size).toBe(0);
    expect(tracker.display('istanbul')).toBe('istanbul');
  });

  it('forgets the keys last seen before a time, keeping those seen since and those never stamped', () => {
    const tracker = new SpellingTracker();
    tracker.add('Old', 1, undefined, 1_000);
    tracker.add('Again', 1, undefined, 1_000);
    tracker.add('again', 1, undefined, 5_000);
    tracker.add('Unstamped');
    tracker.add('New', 1, undefined, 6_000);
    expect([...tracker.lastSeen()]).toEqual([
      ['old', 1_000],
      ['again', 5_000],
      ['new', 6_000],
    ]);
    tracker.forgetUnseenSince(5_000);
    expect(tracker.size).toBe(3);
    expect(tracker.display('old')).toBe('old');
    expect(tracker.display('again')).toBe('Again');
    expect(tracker.display('unstamped')).toBe('Unstamped');
    // A checkpoint's stamps restored: on held keys only.
    tracker.stamp('again', 2_000);
    tracker.stamp('gone', 9_000);
    tracker.forgetUnseenSince(5_000);
    expect([...tracker.lastSeen()]).toEqual([['new', 6_000]]);
    expect(tracker.size).toBe(2);
  });

  it('after a removal, a spelling takes the display by passing the new leader, not the old one', () => {
    const tracker = new SpellingTracker();
    tracker.add('Rust', 3);
    tracker.add('rust', 2);
    tracker.remove('Rust', 2);
    expect(tracker.display('rust')).toBe('rust');
    tracker.add('RUST', 2);
    expect(tracker.display('rust')).toBe('rust');
    tracker.add('RUST');
    expect(tracker.display('rust')).toBe('RUST');
  });

  it('survives a checkpoint round trip', () => {
    const tracker = new SpellingTracker();
    tracker.add('Straße', 2);
    tracker.add('STRASSE', 5);
    const copy = SpellingTracker.fromJSON(JSON.parse(JSON.stringify(tracker)));
    expect(copy.display('strasse')).toBe('STRASSE');
    expect(copy.toJSON()).toEqual(tracker.toJSON());
  });

  it('a checkpoint round trip keeps the displayed spelling of a tie, whichever came first', () => {
    const tracker = new SpellingTracker();
    tracker.add('rust');
    tracker.add('Rust');
    tracker.add('Rust');
    tracker.add('rust'); // 2 each: 'Rust' got there first and stays shown
    expect(tracker.display('rust')).toBe('Rust');
    expect(SpellingTracker.fromJSON(tracker.toJSON()).display('rust')).toBe('Rust');
  });

  it('shows and saves what the plain rule gives, whatever the order of sightings and take-backs', () => {
    const spelling = fc.constantFrom('rust', 'Rust', 'RUST', 'Go', 'go');
    const step = fc.tuple(fc.boolean(), spelling, fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const tracker = new SpellingTracker();
        const plain = new PlainSpellings();
        for (const [adding, tag, count] of steps) {
          if (adding) {
            tracker.add(tag, count);
            plain.add(tag, count);
          } else {
            tracker.remove(tag, count);
            plain.remove(tag, count);
          }
          for (const key of ['rust', 'go'])
            expect(tracker.display(key)).toBe(plain.keys.get(key)?.best ?? key);
        }
        expect(tracker.size).toBe(plain.keys.size);
        const saved = [...plain.keys].map(([key, { counts, best }]) => {
          const entries = [...counts];
          const shown = entries.findIndex(([tag]) => tag === best);
          return [key, [entries[shown], ...entries.filter((_, i) => i !== shown)]];
        });
        expect(tracker.toJSON()).toEqual(saved);
        expect(SpellingTracker.fromJSON(tracker.toJSON()).toJSON()).toEqual(saved);
      }),
      { numRuns: 2000 },
    );
  });
});
