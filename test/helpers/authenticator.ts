import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { encodeCBOR, type CBORType } from '@levischuck/tiny-cbor';

/** What `options.publicKey` carries, as far as an authenticator reads it. */
interface CreationOptions {
  challenge: string;
  rp: { id: string };
  user: { id: string };
}
interface RequestOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}

const b64url = (b: Uint8Array | string) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest();

/**
 * A software WebAuthn authenticator (a "platform" passkey): ES256 keys, `none` attestation, user presence and
 * verification flags, a signature counter — what a browser returns from `navigator.credentials.create()` and
 * `.get()`, encoded as Twilio's web SDK sends it (base64url fields). Written from the WebAuthn spec with
 * node:crypto and a CBOR encoder, independent of the server-side library.
 */
export function createAuthenticator(origin: string) {
  const credentials = new Map<string, { key: KeyObject; rpId: string; userHandle: string; counter: number }>();
  const clientData = (type: string, challenge: string) => b64url(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  const authData = (rpId: string, flags: number, counter: number, extra: Uint8Array = new Uint8Array()) => {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), c, extra]);
  };
  return {
    create(options: CreationOptions) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      const cose = encodeCBOR(new Map<number, Uint8Array | number>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, 'base64url')], [-3, Buffer.from(jwk.y!, 'base64url')]]));
      const id = randomBytes(16);
      const len = Buffer.alloc(2);
      len.writeUInt16BE(id.length);
      // Flags: user present (0x01), user verified (0x04), attested credential data (0x40).
      const data = authData(options.rp.id, 0x45, 0, Buffer.concat([Buffer.alloc(16), len, id, cose]));
      credentials.set(b64url(id), { key: privateKey, rpId: options.rp.id, userHandle: options.user.id, counter: 0 });
      const attestationObject = encodeCBOR(new Map<string, CBORType>([['fmt', 'none'], ['attStmt', new Map<string, CBORType>()], ['authData', new Uint8Array(data)]]));
      return { id: b64url(id), rawId: b64url(id), type: 'public-key', authenticatorAttachment: 'platform', clientExtensionResults: {}, response: { clientDataJSON: clientData('webauthn.create', options.challenge), attestationObject: b64url(attestationObject), transports: ['internal'] } };
    },
    get(options: RequestOptions, credentialId = options.allowCredentials?.[0]?.id ?? [...credentials.keys()][0]!) {
      const cred = credentials.get(credentialId);
      if (!cred) throw new Error(`no credential ${credentialId}`);
      cred.counter++;
      const data = authData(options.rpId ?? cred.rpId, 0x05, cred.counter);
      const cd = clientData('webauthn.get', options.challenge);
      const signature = sign('sha256', Buffer.concat([data, sha256(Buffer.from(cd, 'base64url'))]), { key: cred.key, dsaEncoding: 'der' });
      return { id: credentialId, rawId: credentialId, type: 'public-key', authenticatorAttachment: 'platform', clientExtensionResults: {}, response: { authenticatorData: b64url(data), clientDataJSON: cd, signature: b64url(signature), userHandle: cred.userHandle } };
    },
  };
}
