// A throwaway certificate authority and a server certificate for 127.0.0.1/localhost signed by it,
// so tests speak real TLS and the client trusts only this CA (no global TLS switches).
import { generate } from 'selfsigned';

export interface TestCertificates {
  /** The CA certificate clients must trust (PEM). */
  caPem: string;
  /** The server's certificate (PEM), signed by the CA, valid for 127.0.0.1, ::1 and localhost. */
  certPem: string;
  keyPem: string;
}

let cached: Promise<TestCertificates> | undefined;

/** Creates the CA and server certificate once per test process (EC keys keep this fast). */
export function testCertificates(): Promise<TestCertificates> {
  cached ??= createTestCertificates();
  return cached;
}

async function createTestCertificates(): Promise<TestCertificates> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(Date.now() + 7 * 24 * 3600_000);
  const ca = await generate([{ name: 'commonName', value: 'hashpulse test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { caPem: ca.cert, certPem: server.cert, keyPem: server.private };
}
