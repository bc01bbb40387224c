// Builds native/member_parser.node with node-gyp (part of `npm run build`). The addon is an
// accelerator: without a C++ toolchain the build says why and goes on, and hashpulse decodes with
// JSON.parse alone (the same tweets, slower). HASHPULSE_REQUIRE_NATIVE=1 (CI) makes that an error.
// node-gyp's `build` is incremental, so a build with nothing changed takes a second or two.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const nativeDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'native');
const required = process.env.HASHPULSE_REQUIRE_NATIVE === '1';

function nodeGyp(command) {
  const bin = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  const result = spawnSync(process.execPath, [bin, command], { cwd: nativeDir, stdio: 'inherit' });
  return result.status === 0;
}

const configured =
  existsSync(join(nativeDir, 'build', 'Makefile')) || existsSync(join(nativeDir, 'build', 'binding.sln'));
const built = (configured || nodeGyp('configure')) && nodeGyp('build');
if (!built) {
  const message =
    'hashpulse: the native JSON parser (packages/fast-json/native) did not build; node-gyp needs ' +
    'python3, make and a C++17 compiler (Debian: apt-get install python3 make g++). hashpulse runs ' +
    'without it, decoding with JSON.parse alone: the same results, with about 15% more CPU for a ' +
    'replay or `hashpulse analyze` of generated tweets.';
  console.error(message);
  process.exit(required ? 1 : 0);
}
