import { Hono, type Context as HonoContext } from 'hono';
import type { Context } from '../../../core/context.js';
import { twilioAuth, type TokenAuthenticator, type TwilioEnv } from './auth.js';
import { twilioOnError } from './error-json.js';
import { toForm, type Form } from './params.js';

/**
 * A Twilio sub-app: Basic auth on every route under its path prefixes, errors in Twilio's JSON shape.
 * Auth is bound to the prefixes, not `*`, because every provider is mounted at `/` on one port.
 */
export function createTwilioApp(ctx: Context, prefixes: readonly string[], tokenAuth?: TokenAuthenticator): Hono<TwilioEnv> {
  const app = new Hono<TwilioEnv>();
  app.onError(twilioOnError);
  const auth = twilioAuth(ctx, tokenAuth);
  for (const prefix of prefixes) app.use(`${prefix}/*`, auth);
  return app;
}

/** The request's form body (twilio-node sends `application/x-www-form-urlencoded`, arrays as repeated keys). */
export async function readForm(c: HonoContext): Promise<Form> {
  return toForm(await c.req.text());
}
