// JSON texts parsed to only the members a projection names, by the native parser
// (native/member-parser.cc: simdjson validates the whole text and writes the kept members as a
// list of operations, which build() turns into the value). A caller that reads a few members of a
// large record gets them without JSON.parse building the rest; the value is what JSON.parse
// would give with the other members left out. Where the addon is not built, createMemberParser
// returns null and the caller parses with JSON.parse.
import { createRequire } from 'node:module';

/** Which members a parse keeps: by name, wherever they occur (a record's shape decides nothing). */
export interface Projection {
  /** Kept with their own members projected again by the same names. */
  readonly members: readonly string[];
  /** Kept with everything inside them (values read whole: messages that quote them, say). */
  readonly wholeMembers: readonly string[];
}

interface NativeParser {
  parse(bytes: Uint8Array, start: number, end: number): number;
}

interface NativeModule {
  /** Slots of the parser's string cache (see MemberParser.strings). */
  CACHE_SLOTS: number;
  MemberParser: new (
    names: string[],
    whole: boolean[],
    ops: Int32Array,
    numbers: Float64Array,
    bytes: Uint8Array,
  ) => NativeParser;
}

// Operation kinds and members, as native/member-parser.cc writes them.
const NULL = 0;
const TRUE = 1;
const FALSE = 2;
const NUMBER = 3;
const STRING = 4;
const OBJECT = 5;
const ARRAY = 6;
const END = 7;
const KEY = 8;
const CACHED_STRING = 9;
const STRING_TO_CACHE = 10;
const INT32 = 11;
const ELEMENT = -1;
/** Where a STRING_TO_CACHE operation's kind holds the slot of the string cache. */
const KIND_BITS = 4;
const KIND_MASK = (1 << KIND_BITS) - 1;

/** Texts longer than this (bytes) are left to JSON.parse: the parser's buffers are sized for it. */
export const MAX_NATIVE_TEXT = 2 ** 20;
/**
 * Operations (four int32 each) and numbers beyond int32 (an operation holds any other itself) one
 * parse may write; a text needing more is left to JSON.parse.
 */
const MAX_OPS = 2 ** 16;
const MAX_NUMBERS = 2 ** 14;
/** Containers open at once at most: simdjson refuses texts nested 1,024 deep (left to JSON.parse). */
const MAX_OPEN = 1023;

// Loaded once, as the module loads: mutants here are static, which Stryker's switching (active for
// one test at a time) cannot reach; the tests hold the loaded parser (and production-build.test.ts
// a production install) to nativeJson's { available: true, reason: null }.
// Stryker disable all
const ADDON = '../native/build/Release/member_parser.node';

function loadAddon(): { addon: NativeModule; reason: null } | { addon: null; reason: string } {
  try {
    return { addon: createRequire(import.meta.url)(ADDON) as NativeModule, reason: null };
  } catch (error) {
    return { addon: null, reason: (error as Error).message.split('\n')[0] ?? 'not loaded' };
  }
}

const loaded = loadAddon();

/** Whether the native parser is built and loaded here, and if not, why (for the server's log). */
export const nativeJson: { readonly available: boolean; readonly reason: string | null } = Object.freeze({
  available: loaded.addon !== null,
  reason: loaded.reason,
});
// Stryker restore all

type Container = Record<string, unknown> | unknown[];

/** Node's own UTF-8 slice, which Buffer#toString('utf8', ...) calls once it has checked its arguments. */
interface Utf8Slicing {
  utf8Slice(start: number, end: number): string;
}

/**
 * The string UTF-8 makes of bytes[from, to). Straight through utf8Slice where Node has it (it is
 * not documented): toString's checks and encoding lookup cost about as much again for the short
 * strings a record holds (measured with Latin-1 slices in `--cpu-prof` of `analyze` on 1M
 * generated tweets: 1.0 s of wrappers around 0.5 s of slicing, against 0.5 s called directly).
 */
const utf8: (bytes: Buffer, from: number, to: number) => string =
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: speed only (and static); toString gives the same strings
  typeof (Buffer.prototype as Partial<Utf8Slicing>).utf8Slice === 'function'
    ? (bytes, from, to) => (bytes as unknown as Utf8Slicing).utf8Slice(from, to)
    : (bytes, from, to) => bytes.toString('utf8', from, to);

export class MemberParser {
  private readonly ops = new Int32Array(MAX_OPS * 4);
  private readonly numbers = new Float64Array(MAX_NUMBERS);
  private readonly bytes = Buffer.allocUnsafeSlow(MAX_NATIVE_TEXT);
  /** Sets the member a projection name's index names (see setterOf). */
  private readonly setNamed: Setter;
  private readonly native: NativeParser;
  private readonly stack: Container[] = [];
  /** Per container of `stack`: the index its next element goes to (arrays only). */
  private readonly next = new Int32Array(MAX_OPEN);
  /**
   * Short strings seen before, by the native cache's slots (member-parser.cc keeps their bytes):
   * about half a generated line's strings come again (times, languages, hashtags, names), and are
   * then read from here instead of made again.
   */
  private readonly strings: string[];

  constructor(addon: NativeModule, projection: Projection) {
    const names = [...projection.members, ...projection.wholeMembers];
    const whole = names.map((_, i) => i >= projection.members.length);
    if (new Set(names).size !== names.length) throw new RangeError('a projection names a member twice');
    // A member named so would set the prototype of the object it is assigned to (see build).
    if (names.includes('__proto__')) throw new RangeError('a projection cannot keep __proto__');
    this.setNamed = setterOf(names);
    this.native = new addon.MemberParser(names, whole, this.ops, this.numbers, this.bytes);
    // Every slot is written (STRING_TO_CACHE) before it is read, so its first value is never seen.
    // Stryker disable next-line ArrayDeclaration,StringLiteral: speed only (an array grown slot by slot is holey), or never read
    this.strings = new Array<string>(addon.CACHE_SLOTS).fill('');
  }

  /**
   * The value of the JSON text in bytes[start, end) (UTF-8) with only the projection's members, or
   * undefined where this parser leaves the text to JSON.parse: not JSON as simdjson reads it
   * (invalid or not UTF-8, a lone surrogate escaped, a number beyond 64 bits or a double's range),
   * one holding a `-0`, or too large for the buffers. The value is what JSON.parse makes of the
   * bytes read as UTF-8. A line is parsed straight from the chunk it was read in: no string of it
   * is made (a Latin-1 string of each line, which the addon copied again, cost 0.25-0.3 µs a
   * 1 KB line: 1.60-1.81 against 1.35-1.45 µs to parse 200k generated lines, rounds in turn).
   */
  parse(bytes: Uint8Array, start = 0, end = bytes.length): unknown {
    const count = this.native.parse(bytes, start, end);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; building -1 operations gives undefined, and a parse writes at least one
    return count < 0 ? undefined : this.build(count);
  }

  private build(count: number): unknown {
    const { ops, numbers, bytes, setNamed, stack, strings, next } = this;
    stack.length = 0;
    let root: unknown;
    // Stryker disable next-line StringLiteral: equivalent, a KEY operation always comes first
    let key = '';
    for (let at = 0; at < count * 4; at += 4) {
      const op = ops[at] as number;
      const kind = op & KIND_MASK;
      let value: unknown;
      switch (kind) {
        case END:
          stack.pop();
          continue;
        case KEY:
          key = utf8(bytes, ops[at + 2] as number, ops[at + 3] as number);
          continue;
        case STRING:
          value = utf8(bytes, ops[at + 2] as number, ops[at + 3] as number);
          break;
        case CACHED_STRING:
          value = strings[ops[at + 2] as number];
          break;
        case STRING_TO_CACHE:
          value = strings[op >>> KIND_BITS] = utf8(bytes, ops[at + 2] as number, ops[at + 3] as number);
          break;
        case NUMBER:
          value = numbers[ops[at + 2] as number];
          break;
        case INT32:
          value = ops[at + 2] as number;
          break;
        case OBJECT:
          value = {};
          break;
        case ARRAY:
          // Made to its length and filled in place: an array pushed to reserved 16 slots for its
          // first element (most arrays here hold one or two).
          // Stryker disable next-line ArrayDeclaration: speed only; an array filled by index from empty holds the same elements
          value = new Array(ops[at + 2] as number);
          break;
        case TRUE:
          value = true;
          break;
        case FALSE:
          value = false;
          break;
        case NULL:
          value = null;
          break;
        // Unreachable: the addon writes no other kind.
        // Stryker disable all
        default:
          throw new Error(`member parser: unknown operation ${kind}`);
        // Stryker restore all
      }
      const member = ops[at + 1] as number;
      const depth = stack.length;
      const parent = stack[depth - 1];
      if (parent === undefined) root = value;
      else if (member === ELEMENT) (parent as unknown[])[next[depth - 1]!++] = value;
      else if (member >= 0) setNamed(member, parent as Record<string, unknown>, value);
      else setMember(parent as Record<string, unknown>, key, value);
      if (kind === OBJECT || kind === ARRAY) {
        next[depth] = 0;
        stack.push(value as Container);
      }
    }
    return root;
  }
}

type Setter = (member: number, object: Record<string, unknown>, value: unknown) => void;

/**
 * A function that sets member `names[member]` of an object (`object[name] = value`), compiled for
 * the projection: a switch with one store per name. Why generated: a store through a name read
 * from a list is one store site for every member of every record, which V8 serves by its
 * megamorphic store cache; a store per name keeps each its own few record shapes. One function
 * for all the names rather than one each (`c1ce3ef`): each set was then a call through another
 * function. Parsing and building 200k generated lines, both in one process, rounds in turn (two
 * runs, either first): medians 2.74 against 2.84 µs a line, the switch faster in 17 of 20 rounds.
 * The names are a projection's (code, not input), each written as a JSON string, which is a
 * JavaScript string literal.
 */
function setterOf(names: readonly string[]): Setter {
  const cases = names.map((name, i) => `case ${i}: object[${JSON.stringify(name)}] = value; return;`);
  return new Function('member', 'object', 'value', `switch (member) {\n${cases.join('\n')}\n}`) as Setter;
}

/** A member of a kept-whole object, as JSON.parse makes it: an own property even for "__proto__". */
function setMember(object: Record<string, unknown>, key: string, value: unknown): void {
  // Stryker disable next-line ConditionalExpression: speed only, defining any member gives the same object
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

/** A parser of `projection`'s members, or null where the native parser is not built (nativeJson says why). */
export function createMemberParser(projection: Projection): MemberParser | null {
  return loaded.addon === null ? null : new MemberParser(loaded.addon, projection);
}
