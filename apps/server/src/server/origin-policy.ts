// Which requests come from somewhere the server trusts. The Host header must name this server (a
// page on evil.example that rebinds its name to 127.0.0.1 still sends `Host: evil.example`), and a
// browser's Origin must be the page the server itself served (same authority as Host) or one listed
// in ALLOWED_ORIGINS. The control routes and the socket.io handshake share this one policy.
import net from 'node:net';

export interface OriginPolicyOptions {
  /** Lower-case host names besides IP addresses (ServerConfig.allowedHosts). */
  allowedHosts: readonly string[];
  /** Normalised origins (ServerConfig.allowedOrigins). */
  allowedOrigins: readonly string[];
}

export interface OriginPolicy {
  /**
   * The Host header names this server: any IP address (a rebinding page cannot make the browser
   * send one: its Host is the attacker's name), or an allowed name. An absent header passes
   * (HTTP/1.0 clients; browsers always send it).
   */
  hostAllowed(host: string | undefined): boolean;
  /**
   * The Origin header is the server's own (same authority as Host) or an allowed one. An absent
   * Origin passes: browsers send it with every cross-origin request and every POST, so only
   * non-browser clients (curl, scripts) and same-origin reads omit it.
   */
  originAllowed(origin: string | undefined, host: string | undefined): boolean;
}

/** `host[:port]` of a Host header, normalised as a browser would (lower case, no default port). */
function authority(host: string): URL | null {
  try {
    const url = new URL(`http://${host}`);
    return url.pathname === '/' && url.username === '' && url.search === '' ? url : null;
  } catch {
    return null;
  }
}

export function createOriginPolicy(options: OriginPolicyOptions): OriginPolicy {
  const names = new Set(options.allowedHosts);
  const origins = new Set(options.allowedOrigins);
  return {
    hostAllowed(host) {
      if (host === undefined) return true;
      const url = authority(host);
      if (url === null) return false;
      const name = url.hostname.replace(/\.$/, '');
      const bare = name.startsWith('[') ? name.slice(1, -1) : name;
      return net.isIP(bare) !== 0 || names.has(name);
    },
    originAllowed(origin, host) {
      if (origin === undefined) return true;
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false; // includes "null", sent by sandboxed frames and privacy-stripped requests
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
      if (origins.has(url.origin)) return true;
      // The scheme is left out: behind a TLS proxy the page is https while the request here is http.
      return host !== undefined && authority(host)?.host === url.host;
    },
  };
}
