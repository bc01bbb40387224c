// What MemberParser's parse means, in plain JavaScript: a parsed value with only a projection's
// members. The reference its tests hold the native parser to, and a way for other packages' tests
// to check that a projection keeps what their code reads, without the addon.
import type { Projection } from './member-parser.js';

/** `value` (as JSON.parse makes it) with only `projection`'s members, as MemberParser.parse gives it. */
export function projectMembers(value: unknown, projection: Projection): unknown {
  const kept = new Set(projection.members);
  const whole = new Set(projection.wholeMembers);
  const project = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(project);
    if (typeof item !== 'object' || item === null) return item;
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(item)) {
      if (whole.has(key)) out[key] = member;
      else if (kept.has(key)) out[key] = project(member);
    }
    return out;
  };
  return project(value);
}
