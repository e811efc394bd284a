import { hkdfSync } from 'node:crypto';
import type { Context } from '../../../../core/context.js';
import { loadJose } from '../factors/push.js';

/** What an Access Token carries, inside its encryption. */
export interface AccessTokenClaims {
  accountSid: string;
  serviceSid: string;
  identity: string;
  factorType: 'push';
  friendlyName: string | null;
  sid: string;
}

/** The account's token key: derived from its Auth Token, so tokens survive restarts and need no storage. */
const keyFor = (accountSid: string, authToken: string) => new Uint8Array(hkdfSync('sha256', authToken, accountSid, 'hookyard verify access token', 32));

/**
 * An Access Token as Twilio mints them — a compact JWE (`dir`, `A256GCM`, `cty: twilio-fpa;v=1`), opaque to
 * clients — whose claims hookyard can read back when a device presents it. Expiry is on hookyard's clock.
 * @see https://www.twilio.com/docs/verify/api/access-token
 */
export async function mintAccessToken(ctx: Context, claims: AccessTokenClaims, ttlSeconds: number): Promise<string> {
  const { EncryptJWT } = await loadJose();
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  return new EncryptJWT({ service_sid: claims.serviceSid, identity: claims.identity, factor_type: claims.factorType, factor_friendly_name: claims.friendlyName })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'twilio-fpa;v=1', kid: 'hookyard_v1' })
    .setSubject(claims.accountSid)
    .setJti(claims.sid)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .encrypt(keyFor(claims.accountSid, ctx.twilio.accounts.get(claims.accountSid)!));
}

/** The claims of a token this hookyard minted and that has not expired, else undefined. */
export async function readAccessToken(ctx: Context, token: string): Promise<AccessTokenClaims | undefined> {
  if (token.split('.').length !== 5) return undefined;
  const { jwtDecrypt } = await loadJose();
  for (const [accountSid, authToken] of ctx.twilio.accounts) {
    try {
      const { payload } = await jwtDecrypt(token, keyFor(accountSid, authToken), { currentDate: ctx.clock.now(), subject: accountSid });
      return {
        accountSid,
        serviceSid: String(payload['service_sid']),
        identity: String(payload['identity']),
        factorType: 'push',
        friendlyName: typeof payload['factor_friendly_name'] === 'string' ? payload['factor_friendly_name'] : null,
        sid: String(payload.jti),
      };
    } catch {
      // another account's key, an expired token, or not ours at all
    }
  }
  return undefined;
}
