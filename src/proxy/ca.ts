import { webcrypto } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the local CA lives: `HOOKYARD_CA_DIR`, else `~/.hookyard/ca`. Its key never leaves this machine. */
export const caDir = (): string => process.env['HOOKYARD_CA_DIR'] || join(homedir(), '.hookyard', 'ca');
export const caCertPath = (dir = caDir()): string => join(dir, 'hookyard-ca.pem');

export interface LocalCa {
  certPem: string;
  certPath: string;
  /** A certificate for one host, signed by the CA (PEM chain and key). */
  leaf(host: string): Promise<{ cert: string; key: string }>;
}

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 24 * 3600 * 1000;

/**
 * The CA behind `serve --proxy`, made on first use with `@peculiar/x509` (X.509 and its extensions are not
 * hand-written): an ECDSA P-256 root valid 10 years, kept as `hookyard-ca.pem` (share it: it is what clients
 * trust) and `hookyard-ca-key.pem` (mode 600). Leaf certificates are made in memory per host, valid 1 year.
 */
export async function loadOrCreateCa(dir = caDir()): Promise<LocalCa> {
  const x509 = await import('@peculiar/x509');
  // Node's WebCrypto is the `Crypto` the library wants; its type differs between lib.dom and @types/node.
  x509.cryptoProvider.set(webcrypto as never);
  const certPath = caCertPath(dir);
  const keyPath = join(dir, 'hookyard-ca-key.pem');
  let caKey: webcrypto.CryptoKey;
  let caCert: InstanceType<typeof x509.X509Certificate>;
  if (existsSync(certPath) && existsSync(keyPath)) {
    caCert = new x509.X509Certificate(readFileSync(certPath, 'utf8'));
    caKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(readFileSync(keyPath, 'utf8')), ALG, false, ['sign']);
  } else {
    const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
    caCert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex'),
      name: 'CN=hookyard local CA, O=hookyard',
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 3650 * DAY),
      keys,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    mkdirSync(dir, { recursive: true });
    writeFileSync(keyPath, x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY'), { mode: 0o600 });
    chmodSync(keyPath, 0o600);
    writeFileSync(certPath, caCert.toString('pem'));
    caKey = keys.privateKey;
  }
  const certPem = caCert.toString('pem');
  return {
    certPem,
    certPath,
    async leaf(host) {
      const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex'),
        subject: `CN=${host}`,
        issuer: caCert.subject,
        notBefore: new Date(Date.now() - DAY),
        notAfter: new Date(Date.now() + 365 * DAY),
        signingKey: caKey,
        publicKey: keys.publicKey,
        signingAlgorithm: ALG,
        extensions: [
          new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: host }]),
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          await x509.AuthorityKeyIdentifierExtension.create(caCert),
        ],
      });
      return { cert: cert.toString('pem') + '\n' + certPem, key: x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY') };
    },
  };
}
