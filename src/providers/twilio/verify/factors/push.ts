import { createPublicKey, verify, type KeyObject } from 'node:crypto';

type Jose = typeof import('jose');
let jose: Promise<Jose> | undefined;
/** jose (JWS/JWE) loads on the first Push or Access Token call, not at start-up. */
export const loadJose = () => (jose ??= import('jose'));

/**
 * `Binding.PublicKey`: base64 of a DER SubjectPublicKeyInfo holding a P-256 key — what Android's
 * `PublicKey.getEncoded()` and iOS's fixed-header SPKI both produce. Undefined when it is anything else.
 */
export function parsePushKey(base64: string): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Push factor's proof of possession: `AuthPayload` is the standard-base64 DER ECDSA P-256/SHA-256
 * signature over the UTF-8 bytes of the factor SID (Twilio's Android and iOS SDKs, `PushFactory.verify`).
 */
export function checkFactorSignature(publicKey: string, factorSid: string, authPayload: string): boolean {
  const key = parsePushKey(publicKey);
  if (!key || !/^[A-Za-z0-9+/]+={0,2}$/.test(authPayload)) return false;
  try {
    return verify('sha256', Buffer.from(factorSid, 'utf8'), { key, dsaEncoding: 'der' }, Buffer.from(authPayload, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Verifies an ES256 compact JWT with the factor's key; answers its payload, or undefined. `now` is
 * hookyard's clock (for `exp` / `nbf` when present).
 */
export async function verifyFactorJwt(publicKey: string, token: string, now: Date): Promise<{ header: Record<string, unknown>; payload: Record<string, unknown> } | undefined> {
  const key = parsePushKey(publicKey);
  if (!key) return undefined;
  const { jwtVerify } = await loadJose();
  try {
    const r = await jwtVerify(token, key, { algorithms: ['ES256'], currentDate: now, clockTolerance: 60 });
    return { header: r.protectedHeader as Record<string, unknown>, payload: r.payload as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

/** The `kid` of a compact JWT's header, without verifying it (to find which factor's key to verify with). */
export async function jwtKid(token: string): Promise<string | undefined> {
  const { decodeProtectedHeader } = await loadJose();
  try {
    const kid = decodeProtectedHeader(token).kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}
