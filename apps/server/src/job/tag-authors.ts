// The drill-down's authors: one hashtag's most active authors in a window, read from the
// tag × author counts without sorting them all.
import type { KeyedWindow } from '@hashpulse/engine';
import { TAG_AUTHOR_SEPARATOR } from './aggregates.js';

/** Authors kept per tag for the drill-down. */
const AUTHORS_PER_TAG = 5;

/**
 * For the drill-down: the tag's five most active authors in the window (ties: the author met
 * first), as [authorId, tweets]. One pass over the window's tag × author keys with a bounded leader
 * list: a key is cut into its author only when it enters the list, and once the list is full a key
 * counting no more than its fifth place is passed over with one comparison (most keys count 1).
 */
export function topAuthorsOfTag(view: KeyedWindow<string, number>, tag: string): Array<[string, number]> {
  const prefix = tag + TAG_AUTHOR_SEPARATOR;
  const authors: Array<[string, number]> = [];
  let floor = 0;
  view.forEach((count, key) => {
    if (count <= floor || !key.startsWith(prefix)) return;
    let at = authors.length === AUTHORS_PER_TAG ? AUTHORS_PER_TAG - 1 : authors.length;
    while (at > 0 && authors[at - 1]![1] < count) at--;
    authors.splice(at, 0, [key.slice(prefix.length), count]);
    if (authors.length > AUTHORS_PER_TAG) authors.pop();
    if (authors.length === AUTHORS_PER_TAG) floor = authors[AUTHORS_PER_TAG - 1]![1];
  });
  return authors;
}
