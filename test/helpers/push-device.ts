import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * A Verify Push device as Twilio's mobile SDKs implement it (twilio-verify-android / -ios), written
 * with node:crypto alone — independent of hookyard's own JWT code — so it can serve as the oracle.
 */
export interface PushDevice {
  publicKey: string;
  /** `AuthPayload` of the factor verification: base64 DER ECDSA signature over the factor SID. */
  proveFactor(factorSid: string): string;
  /** The per-request JWT the SDKs log in with: Basic `token:<jwt>`. */
  authJwt(credentialSid: string, accountSid: string, now: Date): string;
  /** `AuthPayload` of a challenge answer: the signature fields, as fetched, plus `status`. */
  answerJwt(fields: Record<string, unknown>, status: 'approved' | 'denied'): string;
  basic(token: string): string;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function es256(key: KeyObject, header: object, payload: object): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  // The SDKs sign DER and transcode to JOSE's raw r‖s; node does that with ieee-p1363.
  return `${input}.${b64url(sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }))}`;
}

/** A new device with a fresh P-256 key, or one holding the PKCS#8 PEM key given. */
export function createPushDevice(privateKeyPem?: string): PushDevice {
  const { privateKey, publicKey } = privateKeyPem ? { privateKey: createPrivateKey(privateKeyPem), publicKey: createPublicKey(privateKeyPem) } : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    proveFactor: (sid) => sign('sha256', Buffer.from(sid, 'utf8'), { key: privateKey, dsaEncoding: 'der' }).toString('base64'),
    authJwt: (kid, sub, now) => {
      const t = Math.floor(now.getTime() / 1000);
      return es256(privateKey, { cty: 'twilio-pba;v=1', kid, typ: 'JWT', alg: 'ES256' }, { sub, exp: t + 600, nbf: t });
    },
    answerJwt: (fields, status) => es256(privateKey, { typ: 'JWT', alg: 'ES256' }, { ...fields, status }),
    basic: (token) => 'Basic ' + Buffer.from(`token:${token}`).toString('base64'),
  };
}
