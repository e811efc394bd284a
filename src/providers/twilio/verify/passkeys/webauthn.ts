import type { Factor, PasskeysConfig } from '../factors/model.js';

type SimpleWebAuthn = typeof import('@simplewebauthn/server');
let lib: Promise<SimpleWebAuthn> | undefined;
/** @simplewebauthn/server loads on the first passkey call (its import costs ~300 ms; start-up stays fast). */
const load = () => (lib ??= import('@simplewebauthn/server'));

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const uv = (c: PasskeysConfig) => c.userVerification as 'required' | 'preferred' | 'discouraged';

/** The challenge a WebAuthn response signed, from its `clientDataJSON` (base64url JSON); undefined if unreadable. */
export function signedChallenge(clientDataJSON: unknown): string | undefined {
  if (typeof clientDataJSON !== 'string') return undefined;
  try {
    const c = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof c.challenge === 'string' ? Buffer.from(c.challenge, 'base64url').toString('utf8') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * WebAuthn creation options for a new passkey factor, as Twilio returns them in `options.publicKey`: the
 * user id is the entity SID, the challenge the factor SID (both base64url), ES256 only, no attestation.
 */
export async function registrationOptions(factor: Factor, c: PasskeysConfig) {
  const { generateRegistrationOptions } = await load();
  return generateRegistrationOptions({
    rpName: c.relyingParty.name,
    rpID: c.relyingParty.id,
    userID: Buffer.from(factor.entitySid, 'utf8'),
    userName: factor.friendlyName,
    userDisplayName: factor.friendlyName,
    challenge: Buffer.from(factor.sid, 'utf8'),
    timeout: 600_000,
    attestationType: 'none',
    excludeCredentials: [],
    authenticatorSelection: {
      ...(c.authenticatorAttachment === 'any' ? {} : { authenticatorAttachment: c.authenticatorAttachment as 'platform' | 'cross-platform' }),
      requireResidentKey: false,
      residentKey: c.discoverableCredentials as 'required' | 'preferred' | 'discouraged',
      userVerification: uv(c),
    },
    supportedAlgorithmIDs: [-7],
  });
}

/** Verifies a `navigator.credentials.create()` result against the factor; answers the credential, or why not. */
export async function verifyRegistration(factor: Factor, c: PasskeysConfig, response: unknown): Promise<{ credentialId: string; publicKey: string } | { error: string }> {
  const { verifyRegistrationResponse } = await load();
  try {
    const r = await verifyRegistrationResponse({ response: response as never, expectedChallenge: b64url(factor.sid), expectedOrigin: c.relyingParty.origins, expectedRPID: c.relyingParty.id, requireUserVerification: c.userVerification === 'required' });
    if (!r.verified) return { error: 'the attestation did not verify' };
    return { credentialId: r.registrationInfo.credential.id, publicKey: Buffer.from(r.registrationInfo.credential.publicKey).toString('base64url') };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** WebAuthn request options for a passkey challenge: the challenge is its SID; `allowCredentials` its factors (empty: discoverable). */
export async function authenticationOptions(challengeSid: string, c: PasskeysConfig, credentialIds: string[]) {
  const { generateAuthenticationOptions } = await load();
  return generateAuthenticationOptions({ rpID: c.relyingParty.id, challenge: Buffer.from(challengeSid, 'utf8'), timeout: 600_000, userVerification: uv(c), allowCredentials: credentialIds.map((id) => ({ id })) });
}

/** Verifies a `navigator.credentials.get()` result with the factor's stored key; answers the new counter, or why not. */
export async function verifyAssertion(challengeSid: string, factor: Factor, response: unknown): Promise<{ counter: number } | { error: string }> {
  const { verifyAuthenticationResponse } = await load();
  const c = factor.config as PasskeysConfig;
  if (factor.binding.kind !== 'passkeys' || !factor.binding.credentialId || !factor.binding.publicKey) return { error: 'the factor has no registered credential' };
  try {
    const r = await verifyAuthenticationResponse({
      response: response as never,
      expectedChallenge: b64url(challengeSid),
      expectedOrigin: c.relyingParty.origins,
      expectedRPID: c.relyingParty.id,
      credential: { id: factor.binding.credentialId, publicKey: new Uint8Array(Buffer.from(factor.binding.publicKey, 'base64url')), counter: factor.binding.counter },
      requireUserVerification: c.userVerification === 'required',
    });
    return r.verified ? { counter: r.authenticationInfo.newCounter } : { error: 'the assertion did not verify' };
  } catch (err) {
    return { error: (err as Error).message };
  }
}
