// Why a stream connection failed or ended, classified by the X API's reconnect rules.
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
import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { describeRequestCause } from './request-cause';
export type StreamFailure = /** TCP/TLS errors, dropped or stalled connections, operational disconnects: retry soon. */
{
  kind: 'network';
  message: string;
  stalled: boolean;
}
/** An HTTP error status other than 401/403/429: exponential back-off from 5 s. */ | {
  kind: 'http';
  status: number;
  message: string;
}
/** 429: back-off from a minute; `resetAt` is when X says the limit resets (epoch ms). */ | {
  kind: 'rate-limit';
  message: string;
  resetAt: number | null;
}
/** 401/403: retrying cannot help until someone fixes the token or the app's access. */ | {
  kind: 'fatal';
  status: number;
  message: string;
}
/** stop() was called. */ | {
  kind: 'stopped';
};

/** Classifies what `TweetStream.connect()` rejected with. */
export function classifyConnectError(error: unknown): StreamFailure {
  if (stryMutAct_9fa48("25")) {
    {}
  } else {
    stryCov_9fa48("25");
    if (stryMutAct_9fa48("27") ? false : stryMutAct_9fa48("26") ? true : (stryCov_9fa48("26", "27"), error instanceof ApiResponseError)) {
      if (stryMutAct_9fa48("28")) {
        {}
      } else {
        stryCov_9fa48("28");
        const detail = problemText(error.data);
        if (stryMutAct_9fa48("31") ? error.code !== 401 : stryMutAct_9fa48("30") ? false : stryMutAct_9fa48("29") ? true : (stryCov_9fa48("29", "30", "31"), error.code === 401)) {
          if (stryMutAct_9fa48("32")) {
            {}
          } else {
            stryCov_9fa48("32");
            return stryMutAct_9fa48("33") ? {} : (stryCov_9fa48("33"), {
              kind: stryMutAct_9fa48("34") ? "" : (stryCov_9fa48("34"), 'fatal'),
              status: 401,
              message: stryMutAct_9fa48("35") ? `` : (stryCov_9fa48("35"), `the X API refused the bearer token (HTTP 401${detail}): check X_BEARER_TOKEN`)
            });
          }
        }
        if (stryMutAct_9fa48("38") ? error.code !== 403 : stryMutAct_9fa48("37") ? false : stryMutAct_9fa48("36") ? true : (stryCov_9fa48("36", "37", "38"), error.code === 403)) {
          if (stryMutAct_9fa48("39")) {
            {}
          } else {
            stryCov_9fa48("39");
            return stryMutAct_9fa48("40") ? {} : (stryCov_9fa48("40"), {
              kind: stryMutAct_9fa48("41") ? "" : (stryCov_9fa48("41"), 'fatal'),
              status: 403,
              message: stryMutAct_9fa48("42") ? `` : (stryCov_9fa48("42"), `the X API forbids this stream to the app (HTTP 403${detail}): check the app's access level and that X_BEARER_TOKEN belongs to it`)
            });
          }
        }
        if (stryMutAct_9fa48("45") ? error.code !== 429 : stryMutAct_9fa48("44") ? false : stryMutAct_9fa48("43") ? true : (stryCov_9fa48("43", "44", "45"), error.code === 429)) {
          if (stryMutAct_9fa48("46")) {
            {}
          } else {
            stryCov_9fa48("46");
            const header = error.headers[stryMutAct_9fa48("47") ? "" : (stryCov_9fa48("47"), 'x-rate-limit-reset')];
            const seconds = Number(Array.isArray(header) ? header[0] : header);
            const resetAt = (stryMutAct_9fa48("50") ? Number.isFinite(seconds) || seconds > 0 : stryMutAct_9fa48("49") ? false : stryMutAct_9fa48("48") ? true : (stryCov_9fa48("48", "49", "50"), Number.isFinite(seconds) && (stryMutAct_9fa48("53") ? seconds <= 0 : stryMutAct_9fa48("52") ? seconds >= 0 : stryMutAct_9fa48("51") ? true : (stryCov_9fa48("51", "52", "53"), seconds > 0)))) ? stryMutAct_9fa48("54") ? seconds / 1000 : (stryCov_9fa48("54"), seconds * 1000) : null;
            return stryMutAct_9fa48("55") ? {} : (stryCov_9fa48("55"), {
              kind: stryMutAct_9fa48("56") ? "" : (stryCov_9fa48("56"), 'rate-limit'),
              message: stryMutAct_9fa48("57") ? `` : (stryCov_9fa48("57"), `rate limited by the X API (HTTP 429${detail})`),
              resetAt
            });
          }
        }
        return stryMutAct_9fa48("58") ? {} : (stryCov_9fa48("58"), {
          kind: stryMutAct_9fa48("59") ? "" : (stryCov_9fa48("59"), 'http'),
          status: error.code,
          message: stryMutAct_9fa48("60") ? `` : (stryCov_9fa48("60"), `the X API answered HTTP ${error.code}${detail}`)
        });
      }
    }
    if (stryMutAct_9fa48("62") ? false : stryMutAct_9fa48("61") ? true : (stryCov_9fa48("61", "62"), error instanceof ApiRequestError)) {
      if (stryMutAct_9fa48("63")) {
        {}
      } else {
        stryCov_9fa48("63");
        return stryMutAct_9fa48("64") ? {} : (stryCov_9fa48("64"), {
          kind: stryMutAct_9fa48("65") ? "" : (stryCov_9fa48("65"), 'network'),
          stalled: stryMutAct_9fa48("66") ? true : (stryCov_9fa48("66"), false),
          message: stryMutAct_9fa48("67") ? `` : (stryCov_9fa48("67"), `connection failed (${describeRequestCause(error)})`)
        });
      }
    }
    if (stryMutAct_9fa48("69") ? false : stryMutAct_9fa48("68") ? true : (stryCov_9fa48("68", "69"), error instanceof ApiPartialResponseError)) {
      if (stryMutAct_9fa48("70")) {
        {}
      } else {
        stryCov_9fa48("70");
        return stryMutAct_9fa48("71") ? {} : (stryCov_9fa48("71"), {
          kind: stryMutAct_9fa48("72") ? "" : (stryCov_9fa48("72"), 'network'),
          stalled: stryMutAct_9fa48("73") ? true : (stryCov_9fa48("73"), false),
          message: stryMutAct_9fa48("74") ? `` : (stryCov_9fa48("74"), `connection broke during the response (${error.message})`)
        });
      }
    }
    // Anything else is unexpected; treat it as a network failure so the source keeps trying, and
    // keep the message so it is reported.
    const message = error instanceof Error ? stryMutAct_9fa48("75") ? `` : (stryCov_9fa48("75"), `${error.name}: ${error.message}`) : String(error);
    return stryMutAct_9fa48("76") ? {} : (stryCov_9fa48("76"), {
      kind: stryMutAct_9fa48("77") ? "" : (stryCov_9fa48("77"), 'network'),
      stalled: stryMutAct_9fa48("78") ? true : (stryCov_9fa48("78"), false),
      message: stryMutAct_9fa48("79") ? `` : (stryCov_9fa48("79"), `connection failed (${message})`)
    });
  }
}

/** ": title: detail" from a v2 problem body, or "" when there is none. */
function problemText(data: unknown): string {
  if (stryMutAct_9fa48("80")) {
    {}
  } else {
    stryCov_9fa48("80");
    if (stryMutAct_9fa48("83") ? typeof data !== 'object' && data === null : stryMutAct_9fa48("82") ? false : stryMutAct_9fa48("81") ? true : (stryCov_9fa48("81", "82", "83"), (stryMutAct_9fa48("85") ? typeof data === 'object' : stryMutAct_9fa48("84") ? false : (stryCov_9fa48("84", "85"), typeof data !== (stryMutAct_9fa48("86") ? "" : (stryCov_9fa48("86"), 'object')))) || (stryMutAct_9fa48("88") ? data !== null : stryMutAct_9fa48("87") ? false : (stryCov_9fa48("87", "88"), data === null)))) return stryMutAct_9fa48("89") ? "Stryker was here!" : (stryCov_9fa48("89"), '');
    const body = data as {
      title?: unknown;
      detail?: unknown;
      errors?: unknown;
    };
    const first = Array.isArray(body.errors) ? body.errors[0] as typeof body | undefined : body;
    const parts = stryMutAct_9fa48("90") ? [first?.title, first?.detail] : (stryCov_9fa48("90"), (stryMutAct_9fa48("91") ? [] : (stryCov_9fa48("91"), [stryMutAct_9fa48("92") ? first.title : (stryCov_9fa48("92"), first?.title), stryMutAct_9fa48("93") ? first.detail : (stryCov_9fa48("93"), first?.detail)])).filter(stryMutAct_9fa48("94") ? () => undefined : (stryCov_9fa48("94"), (part): part is string => stryMutAct_9fa48("97") ? typeof part !== 'string' : stryMutAct_9fa48("96") ? false : stryMutAct_9fa48("95") ? true : (stryCov_9fa48("95", "96", "97"), typeof part === (stryMutAct_9fa48("98") ? "" : (stryCov_9fa48("98"), 'string'))))));
    const unique = stryMutAct_9fa48("99") ? parts : (stryCov_9fa48("99"), parts.filter(stryMutAct_9fa48("100") ? () => undefined : (stryCov_9fa48("100"), (part, index) => stryMutAct_9fa48("103") ? parts.indexOf(part) !== index : stryMutAct_9fa48("102") ? false : stryMutAct_9fa48("101") ? true : (stryCov_9fa48("101", "102", "103"), parts.indexOf(part) === index))));
    return (stryMutAct_9fa48("107") ? unique.length <= 0 : stryMutAct_9fa48("106") ? unique.length >= 0 : stryMutAct_9fa48("105") ? false : stryMutAct_9fa48("104") ? true : (stryCov_9fa48("104", "105", "106", "107"), unique.length > 0)) ? stryMutAct_9fa48("108") ? `` : (stryCov_9fa48("108"), `: ${unique.join(stryMutAct_9fa48("109") ? "" : (stryCov_9fa48("109"), ': '))}`) : stryMutAct_9fa48("110") ? "Stryker was here!" : (stryCov_9fa48("110"), '');
  }
}