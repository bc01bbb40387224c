// The folding rules behind hashtag keys, one by one: every invisible character is dropped and
// nothing next to it, Greek accents go (polytonic too) while other accents stay, the Turkish dot
// goes only from i, and the display spelling follows the sightings.
import { describe, expect, it } from 'vitest';
import { SpellingTracker, hashtagKey, hashtagKeys } from '../src/index.js';

const hex = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Default_Ignorable code points as they survive NFKD: each end of every range in the table. */
const INVISIBLE = [
  0x00ad, 0x034f, 0x061c, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180b, 0x180d, 0x180f, 0x200b, 0x200c, 0x200d,
  0x200f, 0x202a, 0x202e, 0x2060, 0x2064, 0x206f, 0x3164, 0xfe00, 0xfe0f, 0xfeff, 0xffa0,
];
/**
 * Visible neighbours of those ranges, the nearest on each side that NFKD leaves unchanged (past
 * U+202E, U+206F and U+FE0F the next ones are U+2030, U+20A0 and U+FE20): they belong to the hashtag.
 */
const VISIBLE_NEIGHBOURS = [
  0x00ac, 0x00ae, 0x034e, 0x0350, 0x061b, 0x061d, 0x115e, 0x1161, 0x17b3, 0x17b6, 0x180a, 0x1810, 0x2010,
  0x2029, 0x2030, 0x20a0, 0xfe20,
];

describe('hashtag folding', () => {
  it.each(INVISIBLE.map((code) => [hex(code), code]))(
    'drops the invisible %s inside a tag',
    (_name, code) => {
      const tag = `Stra${String.fromCharCode(code)}ße`;
      expect(hashtagKey(tag)).toBe('strasse');
    },
  );

  it.each(VISIBLE_NEIGHBOURS.map((code) => [hex(code), code]))(
    'keeps %s, a visible character next to an invisible range',
    (_name, code) => {
      const tag = `Stra${String.fromCharCode(code)}ße`;
      expect(hashtagKey(tag)).not.toBe('strasse');
      expect(hashtagKey(tag)).toContain(String.fromCharCode(code).toLowerCase());
    },
  );

  it('polytonic Greek (the Greek Extended block) folds with monotonic and capital spellings', () => {
    expect(hashtagKey('Ἀθῆναι')).toBe('αθηναι');
    expect(hashtagKey('ἈΘΗΝΑΙ')).toBe(hashtagKey('αθηναι'));
    expect(hashtagKey('Ὀδύσσεια')).toBe(hashtagKey('ΟΔΥΣΣΕΙΑ'));
  });

  it('drops Greek tonos and dialytika but keeps the accents of other scripts', () => {
    expect(hashtagKey('Ελλάδα')).toBe('ελλαδα');
    expect(hashtagKey('Ϊάσων')).toBe('ιασων');
    expect(hashtagKey('Ñandú')).toBe('ñandú');
    expect(hashtagKey('Ñandú')).not.toBe(hashtagKey('nandu'));
  });

  it('drops the dot above only from i (Turkish İ): Polish ż and Lithuanian ė keep theirs', () => {
    expect(hashtagKey('İzmir')).toBe('izmir');
    expect(hashtagKey('Żubrówka')).toBe('żubrówka');
    expect(hashtagKey('ŻUBRÓWKA')).toBe('żubrówka');
    expect(hashtagKey('Żaba')).not.toBe(hashtagKey('Zaba'));
    expect(hashtagKey('Ėglė')).not.toBe(hashtagKey('Egle'));
    expect(hashtagKey('Ėglė')).toBe('ėglė');
  });

  it('drops every combining mark on a Greek letter, from U+0300 to U+036F', () => {
    expect(hashtagKey('α\u0300β')).toBe('αβ');
    expect(hashtagKey('α\u036fβ')).toBe('αβ');
    expect(hashtagKey('α\u0301\u0308β')).toBe('αβ');
  });

  it('keeps the marks of Latin and Cyrillic letters, the dot above of i alone excepted', () => {
    expect(hashtagKey('Íñigo')).toBe('íñigo');
    expect(hashtagKey('Íñigo')).not.toBe(hashtagKey('inigo'));
    expect(hashtagKey('i\u0307x')).toBe('ix');
    expect(hashtagKey('e\u0307x')).toBe('\u0117x');
    expect(hashtagKey('Йод')).toBe('йод');
    expect(hashtagKey('Йод')).not.toBe(hashtagKey('Иод'));
  });

  it('a mark after a Greek letter and then a Latin one is judged by the letter it sits on', () => {
    // The Greek letter's tonos goes; the acute on the following Latin e stays.
    expect(hashtagKey('άé')).toBe('αé');
    expect(hashtagKey('éά')).toBe('éα');
  });

  it('folds capital ẞ and final sigma wherever they sit in the tag', () => {
    expect(hashtagKey('ẞẞ')).toBe('ssss');
    expect(hashtagKey('ΣΟΦΟΣ_ΛΟΓΟΣ')).toBe('σοφοσ_λογοσ');
    expect(hashtagKey('σοφός_λόγος')).toBe('σοφοσ_λογοσ');
  });

  it('folds capital ẞ and final sigma at every position, the second letter included', () => {
    for (let before = 0; before < 5; before++) {
      expect(hashtagKey(`${'A'.repeat(before)}ẞ`)).toBe(`${'a'.repeat(before)}ss`);
      // Lower-casing writes ς wherever Σ ends a word of two or more letters.
      expect(hashtagKey(`${'Α'.repeat(before)}Σ`)).toBe(`${'α'.repeat(before)}σ`);
    }
    expect(hashtagKey('ΩΣ')).toBe(hashtagKey('ωσ'));
    expect(hashtagKey('ως')).toBe('ωσ');
  });

  it('recomposes: a precomposed letter and its decomposed form give the same stored key', () => {
    expect(hashtagKey('Cafe\u0301')).toBe('caf\u00e9');
    expect(hashtagKey('한국')).toBe('\ud55c\uad6d');
  });

  it('gives the same key on repeated calls, for ASCII and folded tags alike', () => {
    for (let round = 0; round < 3; round++) {
      expect(hashtagKey('Straße')).toBe('strasse');
      expect(hashtagKey('MixedCase')).toBe('mixedcase');
    }
  });

  it('keeps the first appearance of each key, for one tag and for many', () => {
    expect(hashtagKeys(['ΟΔΟΣ'])).toEqual(['οδοσ']);
    expect(hashtagKeys(['b', 'A', 'B', 'a', 'c'])).toEqual(['b', 'a', 'c']);
  });
});

describe('display spelling', () => {
  it('counts each sighting and returns the key it was counted under', () => {
    const tracker = new SpellingTracker();
    expect(tracker.add('Straße')).toBe('strasse');
    expect(tracker.add('STRASSE')).toBe('strasse');
    expect(tracker.add('STRASSE')).toBe('strasse');
    expect(tracker.display('strasse')).toBe('STRASSE');
    // The displayed spelling first, so a tie comes back the same from a checkpoint.
    expect(tracker.toJSON()).toEqual([
      [
        'strasse',
        [
          ['STRASSE', 2],
          ['Straße', 1],
        ],
      ],
    ]);
  });

  it('the leading spelling stays when it is seen again', () => {
    const tracker = new SpellingTracker();
    tracker.add('Brexit', 2);
    tracker.add('brexit', 1);
    tracker.add('Brexit');
    expect(tracker.display('brexit')).toBe('Brexit');
  });

  it('removing sightings of a spelling that does not lead keeps the display', () => {
    const tracker = new SpellingTracker();
    tracker.add('Brexit', 3);
    tracker.add('BREXIT', 2);
    tracker.remove('BREXIT', 1);
    expect(tracker.display('brexit')).toBe('Brexit');
    expect(tracker.toJSON()).toEqual([
      [
        'brexit',
        [
          ['Brexit', 3],
          ['BREXIT', 1],
        ],
      ],
    ]);
  });

  it('removing the leader hands the display to the most frequent remaining spelling', () => {
    const tracker = new SpellingTracker();
    tracker.add('EU', 5);
    tracker.add('eu', 1);
    tracker.add('Eu', 3);
    tracker.remove('EU', 5);
    expect(tracker.display('eu')).toBe('Eu');
    tracker.remove('Eu', 3);
    expect(tracker.display('eu')).toBe('eu');
  });

  it('removing unseen spellings or keys changes nothing', () => {
    const tracker = new SpellingTracker();
    tracker.add('Tag', 2);
    tracker.remove('TAG');
    tracker.remove('Other');
    expect(tracker.size).toBe(1);
    expect(tracker.toJSON()).toEqual([['tag', [['Tag', 2]]]]);
  });

  it('removes a spelling whose sightings run out, exactly at zero', () => {
    const tracker = new SpellingTracker();
    tracker.add('Tag', 2);
    tracker.add('TAG', 1);
    tracker.remove('Tag', 2);
    expect(tracker.toJSON()).toEqual([['tag', [['TAG', 1]]]]);
    expect(tracker.display('tag')).toBe('TAG');
  });

  it('removing another spelling keeps the displayed leader of a tie', () => {
    const tracker = new SpellingTracker();
    tracker.add('eu');
    tracker.add('EU', 2); // EU leads
    tracker.add('eu'); // 2 each: EU got there first
    tracker.add('Eu');
    tracker.remove('Eu');
    expect(tracker.display('eu')).toBe('EU');
  });

  it('removing the leader hands a tie to the spelling seen first', () => {
    const tracker = new SpellingTracker();
    tracker.add('EU', 5);
    tracker.add('eu', 2);
    tracker.add('Eu', 2);
    tracker.remove('EU', 5);
    expect(tracker.display('eu')).toBe('eu');
  });

  it('forgets a key entirely, and shows an unknown key as itself', () => {
    const tracker = new SpellingTracker();
    tracker.add('Gone', 4);
    tracker.add('Kept');
    tracker.forget('gone');
    expect(tracker.size).toBe(1);
    expect(tracker.display('gone')).toBe('gone');
    expect(tracker.display('kept')).toBe('Kept');
  });

  it('a checkpoint keeps every spelling count, not only the leader', () => {
    const tracker = new SpellingTracker();
    tracker.add('Straße', 2);
    tracker.add('STRASSE', 5);
    const copy = SpellingTracker.fromJSON(tracker.toJSON());
    copy.remove('STRASSE', 4);
    expect(copy.display('strasse')).toBe('Straße');
  });
});
