import type { Context as HonoContext, MiddlewareHandler } from 'hono';
import type { Context } from '../../../core/context.js';
import { unauthorized } from '../../../core/errors.js';
import { memoize } from '../../../core/memo.js';

/**
 * Who a request acts for when it is not the account itself: a device holding a Verify Access Token
 * (to create its factor) or signing with its factor's key (everything after).
 */
export interface Principal {
  kind: 'access_token' | 'factor';
  serviceSid: string;
  identity: string;
  factorSid?: string;
  factorType?: string;
  friendlyName?: string | null;
}

export type TwilioEnv = { Variables: { accountSid: string; authToken: string; principal?: Principal } };

/** Checks the password of a Basic `token:<…>` login; answers the account and principal, or undefined. */
export type TokenAuthenticator = (token: string) => Promise<{ accountSid: string; principal: Principal } | undefined>;

/** `Basic base64(user:password)` → its parts (`colon` < 0: no password); a client sends one header over and over. */
const loginOf = memoize((header) => {
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString();
  const colon = decoded.indexOf(':');
  return { colon, sid: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
});

/** A 401 for a device: the SDKs read `Date` to sync their clock and sign again, so it is hookyard's time. */
function deviceUnauthorized(ctx: Context, c: HonoContext): never {
  c.header('Date', ctx.clock.now().toUTCString());
  throw unauthorized();
}

/**
 * HTTP Basic with AccountSid:AuthToken; wrong or missing credentials → 401 / 20003. Data is scoped by
 * the authenticated account. With a `tokenAuth`, the user `token` logs in with what it checks (the Verify
 * mobile SDKs' way: Basic `token:<JWT>`).
 * @see https://www.twilio.com/docs/usage/requests-to-twilio#authenticate-with-http
 */
export function twilioAuth(ctx: Context, tokenAuth?: TokenAuthenticator): MiddlewareHandler<TwilioEnv> {
  return async (c, next) => {
    const login = loginOf(c.req.header('authorization') ?? '');
    if (!login) throw unauthorized();
    const { colon, sid, token } = login;
    if (colon >= 0 && sid === 'token' && tokenAuth) {
      const who = await tokenAuth(token);
      if (!who) deviceUnauthorized(ctx, c);
      c.set('accountSid', who.accountSid);
      c.set('authToken', ctx.twilio.accounts.get(who.accountSid)!);
      c.set('principal', who.principal);
      return next();
    }
    if (colon < 0 || ctx.twilio.accounts.get(sid) !== token) throw unauthorized();
    c.set('accountSid', sid);
    c.set('authToken', token);
    await next();
  };
}

/** The account an emitted event belongs to: the one named, else the default (first) account. */
export function twilioScope(ctx: Context, scope: string | undefined): string {
  return scope ?? [...ctx.twilio.accounts.keys()][0]!;
}
