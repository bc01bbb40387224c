// The X API's reconnect rules, one back-off per kind of failure: linear for network errors,
// exponential for HTTP errors, exponential from a minute for rate limits (429).

/** What went wrong, as far as the reconnect rules care. */function stryNS_9fa48() {
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
export type FailureKind = 'network' | 'http' | 'rate-limit';
export interface ReconnectScheduleConfig {
  /** Network errors (TCP/TLS reset, dropped or stalled connection): first wait, step, ceiling. */
  networkFirstMs: number;
  networkStepMs: number;
  networkMaxMs: number;
  /** HTTP errors (5xx, unexpected 4xx): first wait, doubled per try, up to the ceiling. */
  httpFirstMs: number;
  httpMaxMs: number;
  /** 429: first wait, doubled per try, up to the ceiling. */
  rateLimitFirstMs: number;
  rateLimitMaxMs: number;
}

/** X's published rules. The 429 ceiling is ours: doubling past the 15-minute rate window buys nothing. */
export const X_RECONNECT_RULES: ReconnectScheduleConfig = stryMutAct_9fa48("0") ? {} : (stryCov_9fa48("0"), {
  networkFirstMs: 0,
  networkStepMs: 250,
  networkMaxMs: 16_000,
  httpFirstMs: 5_000,
  httpMaxMs: 320_000,
  rateLimitFirstMs: 60_000,
  rateLimitMaxMs: stryMutAct_9fa48("1") ? 15 / 60_000 : (stryCov_9fa48("1"), 15 * 60_000)
});

/**
 * Counts consecutive failures per kind and answers how long to wait before the next try.
 * `reset()` once a connection has proved healthy (it delivered a tweet or a keep-alive).
 */
export class ReconnectSchedule {
  private readonly config: ReconnectScheduleConfig;
  private readonly tries: Record<FailureKind, number> = stryMutAct_9fa48("2") ? {} : (stryCov_9fa48("2"), {
    network: 0,
    http: 0,
    'rate-limit': 0
  });
  constructor(config: Partial<ReconnectScheduleConfig> = {}) {
    if (stryMutAct_9fa48("3")) {
      {}
    } else {
      stryCov_9fa48("3");
      this.config = stryMutAct_9fa48("4") ? {} : (stryCov_9fa48("4"), {
        ...X_RECONNECT_RULES,
        ...config
      });
    }
  }

  /**
   * The wait before the next try after a failure of this kind. For a 429 that names its reset
   * time, never less than the time left until that reset (an earlier try is refused anyway).
   */
  next(kind: FailureKind, rateLimitWaitMs = 0): number {
    if (stryMutAct_9fa48("5")) {
      {}
    } else {
      stryCov_9fa48("5");
      const tries = stryMutAct_9fa48("6") ? this.tries[kind]-- : (stryCov_9fa48("6"), this.tries[kind]++);
      const c = this.config;
      switch (kind) {
        case stryMutAct_9fa48("8") ? "" : (stryCov_9fa48("8"), 'network'):
          if (stryMutAct_9fa48("7")) {} else {
            stryCov_9fa48("7");
            return stryMutAct_9fa48("9") ? Math.max(c.networkFirstMs + tries * c.networkStepMs, c.networkMaxMs) : (stryCov_9fa48("9"), Math.min(stryMutAct_9fa48("10") ? c.networkFirstMs - tries * c.networkStepMs : (stryCov_9fa48("10"), c.networkFirstMs + (stryMutAct_9fa48("11") ? tries / c.networkStepMs : (stryCov_9fa48("11"), tries * c.networkStepMs))), c.networkMaxMs));
          }
        case stryMutAct_9fa48("13") ? "" : (stryCov_9fa48("13"), 'http'):
          if (stryMutAct_9fa48("12")) {} else {
            stryCov_9fa48("12");
            return stryMutAct_9fa48("14") ? Math.max(c.httpFirstMs * 2 ** Math.min(tries, 30), c.httpMaxMs) : (stryCov_9fa48("14"), Math.min(stryMutAct_9fa48("15") ? c.httpFirstMs / 2 ** Math.min(tries, 30) : (stryCov_9fa48("15"), c.httpFirstMs * 2 ** (stryMutAct_9fa48("16") ? Math.max(tries, 30) : (stryCov_9fa48("16"), Math.min(tries, 30)))), c.httpMaxMs));
          }
        case stryMutAct_9fa48("18") ? "" : (stryCov_9fa48("18"), 'rate-limit'):
          if (stryMutAct_9fa48("17")) {} else {
            stryCov_9fa48("17");
            return stryMutAct_9fa48("19") ? Math.min(Math.min(c.rateLimitFirstMs * 2 ** Math.min(tries, 30), c.rateLimitMaxMs), rateLimitWaitMs) : (stryCov_9fa48("19"), Math.max(stryMutAct_9fa48("20") ? Math.max(c.rateLimitFirstMs * 2 ** Math.min(tries, 30), c.rateLimitMaxMs) : (stryCov_9fa48("20"), Math.min(stryMutAct_9fa48("21") ? c.rateLimitFirstMs / 2 ** Math.min(tries, 30) : (stryCov_9fa48("21"), c.rateLimitFirstMs * 2 ** (stryMutAct_9fa48("22") ? Math.max(tries, 30) : (stryCov_9fa48("22"), Math.min(tries, 30)))), c.rateLimitMaxMs)), rateLimitWaitMs));
          }
      }
    }
  }
  reset(): void {
    if (stryMutAct_9fa48("23")) {
      {}
    } else {
      stryCov_9fa48("23");
      this.tries.network = 0;
      this.tries.http = 0;
      this.tries[stryMutAct_9fa48("24") ? "" : (stryCov_9fa48("24"), 'rate-limit')] = 0;
    }
  }
}