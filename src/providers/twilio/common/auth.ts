import type { MiddlewareHandler } from 'hono';
import type { Context } from '../../../core/context.js';
import { unauthorized } from '../../../core/errors.js';

export type TwilioEnv = { Variables: { accountSid: string; authToken: string } };

/**
 * HTTP Basic with AccountSid:AuthToken; wrong or missing credentials → 401 / 20003. Data is scoped by
 * the authenticated account.
 * @see https://www.twilio.com/docs/usage/requests-to-twilio#authenticate-with-http
 */
export function twilioAuth(ctx: Context): MiddlewareHandler<TwilioEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Basic\s+(.+)$/i.exec(header);
    if (!m) throw unauthorized();
    const decoded = Buffer.from(m[1]!, 'base64').toString();
    const colon = decoded.indexOf(':');
    const sid = decoded.slice(0, colon);
    const token = decoded.slice(colon + 1);
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
