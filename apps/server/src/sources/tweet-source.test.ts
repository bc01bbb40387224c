import type { SourceStatus } from '@hashpulse/protocol';
import { describe, expect, it } from 'vitest';
import { TweetSourceEmitter, type TweetSourceEvents } from './tweet-source.js';

class Probe extends TweetSourceEmitter {
  readonly failures: Array<[keyof TweetSourceEvents, unknown]> = [];
  protected listenerFailed(event: keyof TweetSourceEvents, error: unknown): void {
    this.failures.push([event, error]);
  }
}

describe('tweet source emitter', () => {
  it('a throwing listener cannot break the source: the others still hear, the error is reported once', () => {
    const source = new Probe();
    const heard: string[] = [];
    const bug = new Error('listener bug');
    source.on('message', () => {
      throw bug;
    });
    source.on('message', (text) => heard.push(`on:${text}`));
    source.once('message', (text) => heard.push(`once:${text}`));
    expect(() => source.emit('message', 'a')).not.toThrow();
    source.emit('message', 'b');
    expect(heard).toEqual(['on:a', 'once:a', 'on:b']);
    expect(source.failures).toEqual([
      ['message', bug],
      ['message', bug],
    ]);
    expect(source.listenerCount('message')).toBe(2);
  });

  it('says whether anyone listened, as node does', () => {
    const source = new Probe();
    expect(source.emit('status', {} as SourceStatus)).toBe(false);
    source.on('status', () => undefined);
    expect(source.emit('status', {} as SourceStatus)).toBe(true);
  });
});
