// Whether the address the server listens on reaches beyond this machine, and what that demands of
// ADMIN_TOKEN. Judged on IP addresses only: a host name is resolved first (server-config.ts), so a
// name spelled like loopback (127.evil.example) is judged by the address it stands for.
import net from 'node:net';

/** Beyond loopback the token is the only guard, so it must be long enough that guessing is hopeless. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** An IP address of the loopback interface (127.0.0.0/8, ::1, IPv4-mapped loopback); false for names. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = net.isIP(bare);
  if (family === 0) return false;
  return LOOPBACK.check(bare, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * What listening on `address` (an IP address, resolved from `host`) with `adminToken` lacks, or
 * null when nothing does.
 */
export function exposureProblem(host: string, address: string, adminToken: string | null): string | null {
  if (isLoopbackAddress(address)) return null;
  const where = host === address ? host : `${host} (${address})`;
  if (adminToken === null) {
    return (
      `refusing to listen on ${where} without ADMIN_TOKEN: anyone who can reach it could change the configuration. ` +
      `Set ADMIN_TOKEN to a long random secret (\`openssl rand -hex 24\`), or HOST=127.0.0.1.`
    );
  }
  if (adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    return (
      `refusing to listen on ${where} with a ${adminToken.length}-character ADMIN_TOKEN: beyond loopback it must ` +
      `be at least ${MIN_ADMIN_TOKEN_LENGTH} characters, so it cannot be guessed. Generate one with ` +
      `\`openssl rand -hex 24\`, or listen on HOST=127.0.0.1.`
    );
  }
  return null;
}
