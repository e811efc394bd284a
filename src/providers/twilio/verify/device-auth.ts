import type { MiddlewareHandler } from 'hono';
import type { Context } from '../../../core/context.js';
import { HookyardError } from '../../../core/errors.js';
import type { Principal, TokenAuthenticator, TwilioEnv } from '../common/auth.js';
import { readAccessToken } from './access-tokens/token.js';
import { createCollection } from '../../../core/collection.js';
import { FACTORS_BY_CREDENTIAL, VERIFY_FACTORS, type Factor } from './factors/model.js';
import { jwtKid, verifyFactorJwt } from './factors/push.js';

/** The push factor whose `config.credential_sid` a JWT names as its `kid`, in whichever account holds it. */
function factorByCredential(ctx: Context, kid: string): Factor | undefined {
  const factors = createCollection<Factor>(ctx.store, VERIFY_FACTORS);
  for (const account of Object.keys(ctx.store.data.tables[VERIFY_FACTORS] ?? {})) {
    const f = factors.by(account, FACTORS_BY_CREDENTIAL, kid)[0];
    if (f) return f;
  }
  return undefined;
}

/**
 * How Verify's mobile SDKs log in: Basic `token:<token>`, where the token is an Access Token (to create
 * the factor) or a fresh ES256 JWT signed with the factor's key — header `kid` = the factor's
 * `config.credential_sid`, payload `sub` = the account, `nbf`/`exp` on hookyard's clock.
 */
export function verifyTokenAuth(ctx: Context): TokenAuthenticator {
  return async (token) => {
    const access = await readAccessToken(ctx, token);
    if (access) return { accountSid: access.accountSid, principal: { kind: 'access_token', serviceSid: access.serviceSid, identity: access.identity, factorType: access.factorType, friendlyName: access.friendlyName } };
    const kid = await jwtKid(token);
    const factor = kid === undefined ? undefined : factorByCredential(ctx, kid);
    if (!factor || factor.binding.kind !== 'push') return undefined;
    const jwt = await verifyFactorJwt(factor.binding.publicKey, token, ctx.clock.now());
    if (!jwt || jwt.payload['sub'] !== factor.accountSid || typeof jwt.payload['exp'] !== 'number') return undefined;
    return { accountSid: factor.accountSid, principal: { kind: 'factor', serviceSid: factor.serviceSid, identity: factor.identity, factorSid: factor.sid } };
  };
}

/** What a device may call, by principal; everything else needs the account's own credentials. */
function allowed(p: Principal, method: string, path: string): boolean {
  const m = /^\/v2\/Services\/([^/]+)(?:\/Entities\/([^/]+)\/(Factors|Challenges)(?:\/([^/]+))?)?$/.exec(path);
  if (!m || m[1] !== p.serviceSid) return false;
  const [, , identity, kind, sid] = m;
  if (identity === undefined) return method === 'GET' && p.kind === 'factor';
  if (decodeURIComponent(identity).toLowerCase() !== p.identity.toLowerCase()) return false;
  if (p.kind === 'access_token') return method === 'POST' && kind === 'Factors' && sid === undefined;
  if (kind === 'Factors') return sid === p.factorSid && ['GET', 'POST', 'DELETE'].includes(method);
  return method === 'GET' || (method === 'POST' && sid !== undefined);
}

/**
 * Keeps a device to its own factor and its challenges (and an Access Token to creating that one factor,
 * with the token's identity and factor type): 403 / 20403 otherwise.
 */
export function deviceScope(): MiddlewareHandler<TwilioEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    if (p && !allowed(p, c.req.method, new URL(c.req.url).pathname)) {
      throw new HookyardError('forbidden', 'This token may not be used for this request: a device acts only on its own factor and challenges', { status: 403 });
    }
    await next();
  };
}
