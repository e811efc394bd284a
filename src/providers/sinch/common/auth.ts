import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Context } from '../../../core/context.js';
import { sinchError } from './errors.js';

export type SinchEnv = { Variables: { projectId: string } };

/** Access tokens live an hour, as Sinch's docs show (`expires_in: 3600`). */
export const TOKEN_TTL_SECONDS = 3600;

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const sign = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

/**
 * A JWT (HS256, keyed with the key secret) holding the key id and `exp`. Self-verifying, so tokens
 * survive a restart; the SDK reads `exp` to refresh 60 s early.
 */
export function mintToken(keyId: string, keySecret: string, nowSeconds: number): string {
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'hookyard', sub: keyId, iat: nowSeconds, exp: nowSeconds + TOKEN_TTL_SECONDS })}`;
  return `${body}.${sign(keySecret, body)}`;
}

type TokenCheck = { keyId: string } | { error: 'invalid' | 'expired' };

export function verifyToken(ctx: Context, token: string): TokenCheck {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return { error: 'invalid' };
  let claims: { sub?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as typeof claims;
  } catch {
    return { error: 'invalid' };
  }
  const key = [...ctx.sinch.projects.values()].find((k) => k.keyId === claims.sub);
  const expected = key && Buffer.from(sign(key.keySecret, `${h}.${p}`));
  if (!expected || expected.length !== s.length || !timingSafeEqual(expected, Buffer.from(s))) return { error: 'invalid' };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= ctx.clock.now().getTime()) return { error: 'expired' };
  return { keyId: key!.keyId };
}

/** keyId:keySecret from a Basic header, when they are a configured key. */
export function basicKey(ctx: Context, header: string): string | undefined {
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString();
  const colon = decoded.indexOf(':');
  const [id, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return colon > 0 && [...ctx.sinch.projects.values()].some((k) => k.keyId === id && k.keySecret === secret) ? id : undefined;
}

/**
 * Basic keyId:keySecret or a Bearer token from `/oauth2/token`, for the project in the path; anything else
 * is 401 `unauthorized_error`. An expired token's 401 says `expired` in `WWW-Authenticate`, which is what
 * makes the official SDK fetch a new token and retry.
 */
export function sinchAuth(ctx: Context): MiddlewareHandler<SinchEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    let keyId: string | undefined;
    if (/^Bearer\s/i.test(header)) {
      const check = verifyToken(ctx, header.replace(/^Bearer\s+/i, ''));
      if ('error' in check) {
        throw sinchError('unauthorized_error', {
          wwwAuthenticate: check.error === 'expired' ? 'Bearer realm="sinch", error="invalid_token", error_description="expired"' : 'Bearer realm="sinch", error="invalid_token"',
        });
      }
      keyId = check.keyId;
    } else {
      keyId = basicKey(ctx, header);
    }
    const projectId = c.req.param('projectId') ?? '';
    if (keyId === undefined || ctx.sinch.projects.get(projectId)?.keyId !== keyId) throw sinchError('unauthorized_error', { wwwAuthenticate: 'Bearer realm="sinch"' });
    c.set('projectId', projectId);
    await next();
  };
}
