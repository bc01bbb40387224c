// @hashpulse/fast-json: JSON texts parsed natively (simdjson) to only the members a caller reads.
export {
  MAX_NATIVE_TEXT,
  MemberParser,
  createMemberParser,
  nativeJson,
  type Projection,
} from './member-parser.js';
export { projectMembers } from './project-members.js';
