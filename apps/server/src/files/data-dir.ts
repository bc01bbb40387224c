// Confines every file the server opens to the configured data directory: real paths (symlinks
// resolved) must stay inside it, and `..`, NUL bytes and outside absolute paths are refused.
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DataFile } from '@hashpulse/protocol';
import { DataDirNotFoundError, DataFileNotFoundError, PathOutsideDataDirError } from './errors';
import { recordingKind } from './recording-kind';
const RECORDING_SUFFIXES = stryMutAct_9fa48("0") ? [] : (stryCov_9fa48("0"), [stryMutAct_9fa48("1") ? "" : (stryCov_9fa48("1"), '.jsonl'), stryMutAct_9fa48("2") ? "" : (stryCov_9fa48("2"), '.jsonl.gz'), stryMutAct_9fa48("3") ? "" : (stryCov_9fa48("3"), '.json')]);
/** Bounds the directory walk so a huge or cyclic tree cannot stall a request. */
export const LISTING_LIMITS = {
  maxDepth: 8,
  maxFiles: 10_000
} as const;
export interface ListingLimits {
  /** Directories below the data directory that are walked (0: only its own files). */
  maxDepth: number;
  /** Files listed at most; the walk stops once it has them. */
  maxFiles: number;
}

/** Whether a file name looks like a recording the replay can play. */
export function isRecordingName(name: string): boolean {
  if (stryMutAct_9fa48("4")) {
    {}
  } else {
    stryCov_9fa48("4");
    const lower = stryMutAct_9fa48("5") ? name.toUpperCase() : (stryCov_9fa48("5"), name.toLowerCase());
    return stryMutAct_9fa48("6") ? RECORDING_SUFFIXES.every(suffix => lower.endsWith(suffix)) : (stryCov_9fa48("6"), RECORDING_SUFFIXES.some(stryMutAct_9fa48("7") ? () => undefined : (stryCov_9fa48("7"), suffix => stryMutAct_9fa48("8") ? lower.startsWith(suffix) : (stryCov_9fa48("8"), lower.endsWith(suffix)))));
  }
}

/** The real path of the data directory, or DataDirNotFoundError. */
export async function realDataDir(dataDir: string): Promise<string> {
  if (stryMutAct_9fa48("9")) {
    {}
  } else {
    stryCov_9fa48("9");
    let real: string;
    try {
      if (stryMutAct_9fa48("10")) {
        {}
      } else {
        stryCov_9fa48("10");
        real = await realpath(path.resolve(dataDir));
      }
    } catch (error) {
      if (stryMutAct_9fa48("11")) {
        {}
      } else {
        stryCov_9fa48("11");
        throw new DataDirNotFoundError(stryMutAct_9fa48("12") ? `` : (stryCov_9fa48("12"), `data directory ${path.resolve(dataDir)} does not exist: create it or set DATA_DIR to an existing directory`), stryMutAct_9fa48("13") ? {} : (stryCov_9fa48("13"), {
          cause: error
        }));
      }
    }
    if (stryMutAct_9fa48("16") ? false : stryMutAct_9fa48("15") ? true : stryMutAct_9fa48("14") ? (await stat(real)).isDirectory() : (stryCov_9fa48("14", "15", "16"), !(await stat(real)).isDirectory())) {
      if (stryMutAct_9fa48("17")) {
        {}
      } else {
        stryCov_9fa48("17");
        throw new DataDirNotFoundError(stryMutAct_9fa48("18") ? `` : (stryCov_9fa48("18"), `data directory ${real} is not a directory: set DATA_DIR to a directory`));
      }
    }
    return real;
  }
}
function isInside(dir: string, candidate: string): boolean {
  if (stryMutAct_9fa48("19")) {
    {}
  } else {
    stryCov_9fa48("19");
    const relative = path.relative(dir, candidate);
    // `..` as a whole segment leaves the directory; a name that merely starts with dots does not.
    const leaves = stryMutAct_9fa48("22") ? relative === '..' && relative.startsWith(`..${path.sep}`) : stryMutAct_9fa48("21") ? false : stryMutAct_9fa48("20") ? true : (stryCov_9fa48("20", "21", "22"), (stryMutAct_9fa48("24") ? relative !== '..' : stryMutAct_9fa48("23") ? false : (stryCov_9fa48("23", "24"), relative === (stryMutAct_9fa48("25") ? "" : (stryCov_9fa48("25"), '..')))) || (stryMutAct_9fa48("26") ? relative.endsWith(`..${path.sep}`) : (stryCov_9fa48("26"), relative.startsWith(stryMutAct_9fa48("27") ? `` : (stryCov_9fa48("27"), `..${path.sep}`)))));
    return stryMutAct_9fa48("30") ? relative !== '' && !leaves || !path.isAbsolute(relative) : stryMutAct_9fa48("29") ? false : stryMutAct_9fa48("28") ? true : (stryCov_9fa48("28", "29", "30"), (stryMutAct_9fa48("32") ? relative !== '' || !leaves : stryMutAct_9fa48("31") ? true : (stryCov_9fa48("31", "32"), (stryMutAct_9fa48("34") ? relative === '' : stryMutAct_9fa48("33") ? true : (stryCov_9fa48("33", "34"), relative !== (stryMutAct_9fa48("35") ? "Stryker was here!" : (stryCov_9fa48("35"), '')))) && (stryMutAct_9fa48("36") ? leaves : (stryCov_9fa48("36"), !leaves)))) && (stryMutAct_9fa48("37") ? path.isAbsolute(relative) : (stryCov_9fa48("37"), !path.isAbsolute(relative))));
  }
}

/**
 * Resolves `name` (relative to the data directory, or absolute inside it) to the real path of a
 * regular file inside the data directory. Throws PathOutsideDataDirError for anything that would
 * leave it and DataFileNotFoundError for a missing file or a directory.
 */
export async function resolveDataFile(dataDir: string, name: string): Promise<string> {
  if (stryMutAct_9fa48("38")) {
    {}
  } else {
    stryCov_9fa48("38");
    const root = await realDataDir(dataDir);
    const allowed = stryMutAct_9fa48("39") ? `` : (stryCov_9fa48("39"), `only files under the data directory ${root} can be opened (names relative to it, without "..")`);
    if (stryMutAct_9fa48("42") ? typeof name !== 'string' && name.trim() === '' : stryMutAct_9fa48("41") ? false : stryMutAct_9fa48("40") ? true : (stryCov_9fa48("40", "41", "42"), (stryMutAct_9fa48("44") ? typeof name === 'string' : stryMutAct_9fa48("43") ? false : (stryCov_9fa48("43", "44"), typeof name !== (stryMutAct_9fa48("45") ? "" : (stryCov_9fa48("45"), 'string')))) || (stryMutAct_9fa48("47") ? name.trim() !== '' : stryMutAct_9fa48("46") ? false : (stryCov_9fa48("46", "47"), (stryMutAct_9fa48("48") ? name : (stryCov_9fa48("48"), name.trim())) === (stryMutAct_9fa48("49") ? "Stryker was here!" : (stryCov_9fa48("49"), '')))))) {
      if (stryMutAct_9fa48("50")) {
        {}
      } else {
        stryCov_9fa48("50");
        throw new PathOutsideDataDirError(stryMutAct_9fa48("51") ? `` : (stryCov_9fa48("51"), `an empty file name was given: ${allowed}`));
      }
    }
    if (stryMutAct_9fa48("53") ? false : stryMutAct_9fa48("52") ? true : (stryCov_9fa48("52", "53"), name.includes(stryMutAct_9fa48("54") ? "" : (stryCov_9fa48("54"), '\0')))) {
      if (stryMutAct_9fa48("55")) {
        {}
      } else {
        stryCov_9fa48("55");
        throw new PathOutsideDataDirError(stryMutAct_9fa48("56") ? `` : (stryCov_9fa48("56"), `file name ${JSON.stringify(name)} contains a NUL byte: ${allowed}`));
      }
    }
    if (stryMutAct_9fa48("58") ? false : stryMutAct_9fa48("57") ? true : (stryCov_9fa48("57", "58"), name.split(stryMutAct_9fa48("59") ? /[^\\/]/ : (stryCov_9fa48("59"), /[\\/]/)).includes(stryMutAct_9fa48("60") ? "" : (stryCov_9fa48("60"), '..')))) {
      if (stryMutAct_9fa48("61")) {
        {}
      } else {
        stryCov_9fa48("61");
        throw new PathOutsideDataDirError(stryMutAct_9fa48("62") ? `` : (stryCov_9fa48("62"), `file name ${JSON.stringify(name)} contains "..": ${allowed}`));
      }
    }
    const requested = path.resolve(root, name);
    // Checked before touching the file system, so probing outside paths reveals nothing about them.
    if (stryMutAct_9fa48("65") ? !isInside(root, requested) || !isInside(path.resolve(dataDir), requested) : stryMutAct_9fa48("64") ? false : stryMutAct_9fa48("63") ? true : (stryCov_9fa48("63", "64", "65"), (stryMutAct_9fa48("66") ? isInside(root, requested) : (stryCov_9fa48("66"), !isInside(root, requested))) && (stryMutAct_9fa48("67") ? isInside(path.resolve(dataDir), requested) : (stryCov_9fa48("67"), !isInside(path.resolve(dataDir), requested))))) {
      if (stryMutAct_9fa48("68")) {
        {}
      } else {
        stryCov_9fa48("68");
        throw new PathOutsideDataDirError(stryMutAct_9fa48("69") ? `` : (stryCov_9fa48("69"), `${JSON.stringify(name)} is outside the data directory: ${allowed}`));
      }
    }
    let real: string;
    try {
      if (stryMutAct_9fa48("70")) {
        {}
      } else {
        stryCov_9fa48("70");
        real = await realpath(requested);
      }
    } catch (error) {
      if (stryMutAct_9fa48("71")) {
        {}
      } else {
        stryCov_9fa48("71");
        throw new DataFileNotFoundError(stryMutAct_9fa48("72") ? `` : (stryCov_9fa48("72"), `${JSON.stringify(name)} does not exist in the data directory ${root}: list the files with GET /api/replay/files`), stryMutAct_9fa48("73") ? {} : (stryCov_9fa48("73"), {
          cause: error
        }));
      }
    }
    if (stryMutAct_9fa48("76") ? false : stryMutAct_9fa48("75") ? true : stryMutAct_9fa48("74") ? isInside(root, real) : (stryCov_9fa48("74", "75", "76"), !isInside(root, real))) {
      if (stryMutAct_9fa48("77")) {
        {}
      } else {
        stryCov_9fa48("77");
        throw new PathOutsideDataDirError(stryMutAct_9fa48("78") ? `` : (stryCov_9fa48("78"), `${JSON.stringify(name)} resolves (through a symbolic link) to ${real}, outside the data directory: ${allowed}`));
      }
    }
    if (stryMutAct_9fa48("81") ? false : stryMutAct_9fa48("80") ? true : stryMutAct_9fa48("79") ? (await stat(real)).isFile() : (stryCov_9fa48("79", "80", "81"), !(await stat(real)).isFile())) {
      if (stryMutAct_9fa48("82")) {
        {}
      } else {
        stryCov_9fa48("82");
        throw new DataFileNotFoundError(stryMutAct_9fa48("83") ? `` : (stryCov_9fa48("83"), `${JSON.stringify(name)} is not a regular file: name a recording file`));
      }
    }
    return real;
  }
}

/** The display name of a resolved file: its path relative to the data directory, with `/`. */
export function dataFileName(realRoot: string, realFile: string): string {
  if (stryMutAct_9fa48("84")) {
    {}
  } else {
    stryCov_9fa48("84");
    return path.relative(realRoot, realFile).split(path.sep).join(stryMutAct_9fa48("85") ? "" : (stryCov_9fa48("85"), '/'));
  }
}

/**
 * The recordings under the data directory (.jsonl, .jsonl.gz, .json), sorted by name. Symbolic
 * links are listed only when their target stays inside the directory; hidden entries are skipped.
 */
export async function listDataFiles(dataDir: string, limits: ListingLimits = LISTING_LIMITS): Promise<DataFile[]> {
  if (stryMutAct_9fa48("86")) {
    {}
  } else {
    stryCov_9fa48("86");
    const root = await realDataDir(dataDir);
    const files: DataFile[] = stryMutAct_9fa48("87") ? ["Stryker was here"] : (stryCov_9fa48("87"), []);
    async function walk(dir: string, depth: number): Promise<void> {
      if (stryMutAct_9fa48("88")) {
        {}
      } else {
        stryCov_9fa48("88");
        const entries = await readdir(dir, stryMutAct_9fa48("89") ? {} : (stryCov_9fa48("89"), {
          withFileTypes: stryMutAct_9fa48("90") ? false : (stryCov_9fa48("90"), true)
        }));
        for (const entry of entries) {
          if (stryMutAct_9fa48("91")) {
            {}
          } else {
            stryCov_9fa48("91");
            if (stryMutAct_9fa48("95") ? files.length < limits.maxFiles : stryMutAct_9fa48("94") ? files.length > limits.maxFiles : stryMutAct_9fa48("93") ? false : stryMutAct_9fa48("92") ? true : (stryCov_9fa48("92", "93", "94", "95"), files.length >= limits.maxFiles)) return;
            if (stryMutAct_9fa48("98") ? entry.name.endsWith('.') : stryMutAct_9fa48("97") ? false : stryMutAct_9fa48("96") ? true : (stryCov_9fa48("96", "97", "98"), entry.name.startsWith(stryMutAct_9fa48("99") ? "" : (stryCov_9fa48("99"), '.')))) continue;
            const full = path.join(dir, entry.name);
            let target = full;
            if (stryMutAct_9fa48("101") ? false : stryMutAct_9fa48("100") ? true : (stryCov_9fa48("100", "101"), entry.isSymbolicLink())) {
              if (stryMutAct_9fa48("102")) {
                {}
              } else {
                stryCov_9fa48("102");
                try {
                  if (stryMutAct_9fa48("103")) {
                    {}
                  } else {
                    stryCov_9fa48("103");
                    target = await realpath(full);
                  }
                } catch {
                  if (stryMutAct_9fa48("104")) {
                    {}
                  } else {
                    stryCov_9fa48("104");
                    continue; // a dangling link names nothing that could be replayed
                  }
                }
                if (stryMutAct_9fa48("107") ? false : stryMutAct_9fa48("106") ? true : stryMutAct_9fa48("105") ? isInside(root, target) : (stryCov_9fa48("105", "106", "107"), !isInside(root, target))) continue;
              }
            }
            const info = entry.isSymbolicLink() ? await stat(target) : await lstat(full);
            if (stryMutAct_9fa48("109") ? false : stryMutAct_9fa48("108") ? true : (stryCov_9fa48("108", "109"), info.isDirectory())) {
              if (stryMutAct_9fa48("110")) {
                {}
              } else {
                stryCov_9fa48("110");
                if (stryMutAct_9fa48("113") ? depth < limits.maxDepth || !entry.isSymbolicLink() : stryMutAct_9fa48("112") ? false : stryMutAct_9fa48("111") ? true : (stryCov_9fa48("111", "112", "113"), (stryMutAct_9fa48("116") ? depth >= limits.maxDepth : stryMutAct_9fa48("115") ? depth <= limits.maxDepth : stryMutAct_9fa48("114") ? true : (stryCov_9fa48("114", "115", "116"), depth < limits.maxDepth)) && (stryMutAct_9fa48("117") ? entry.isSymbolicLink() : (stryCov_9fa48("117"), !entry.isSymbolicLink())))) await walk(full, stryMutAct_9fa48("118") ? depth - 1 : (stryCov_9fa48("118"), depth + 1));
              }
            } else if (stryMutAct_9fa48("121") ? info.isFile() || isRecordingName(entry.name) : stryMutAct_9fa48("120") ? false : stryMutAct_9fa48("119") ? true : (stryCov_9fa48("119", "120", "121"), info.isFile() && isRecordingName(entry.name))) {
              if (stryMutAct_9fa48("122")) {
                {}
              } else {
                stryCov_9fa48("122");
                files.push(stryMutAct_9fa48("123") ? {} : (stryCov_9fa48("123"), {
                  name: dataFileName(root, full),
                  kind: await recordingKind(target),
                  bytes: info.size,
                  modifiedAt: Math.round(info.mtimeMs)
                }));
              }
            }
          }
        }
      }
    }
    await walk(root, 0);
    return stryMutAct_9fa48("124") ? files : (stryCov_9fa48("124"), files.sort(stryMutAct_9fa48("125") ? () => undefined : (stryCov_9fa48("125"), (a, b) => (stryMutAct_9fa48("129") ? a.name >= b.name : stryMutAct_9fa48("128") ? a.name <= b.name : stryMutAct_9fa48("127") ? false : stryMutAct_9fa48("126") ? true : (stryCov_9fa48("126", "127", "128", "129"), a.name < b.name)) ? stryMutAct_9fa48("130") ? +1 : (stryCov_9fa48("130"), -1) : (stryMutAct_9fa48("134") ? a.name <= b.name : stryMutAct_9fa48("133") ? a.name >= b.name : stryMutAct_9fa48("132") ? false : stryMutAct_9fa48("131") ? true : (stryCov_9fa48("131", "132", "133", "134"), a.name > b.name)) ? 1 : 0)));
  }
}