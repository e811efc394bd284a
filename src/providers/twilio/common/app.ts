import { Hono, type Context as HonoContext } from 'hono';
import type { Context } from '../../../core/context.js';
import { notImplemented } from '../../../core/errors.js';
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

export interface SpecOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** OpenAPI path, e.g. `/v2/Services/{ServiceSid}/Verifications`. */
  path: string;
}

/** Hono's spelling of an OpenAPI path: `{ServiceSid}` → `:ServiceSid`. */
export const toHonoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Routes every spec operation hookyard does not emulate to a 501 in Twilio's shape naming it — never
 * a bare 404 that would read as "your URL is wrong". Static paths are registered first so
 * `/Attempts/Summary` is not taken for `/Attempts/{Sid}`.
 */
export function routeNotImplemented(app: Hono<TwilioEnv>, ops: readonly SpecOperation[]): void {
  const bySpecificity = [...ops].sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
  for (const op of bySpecificity) {
    app.on(op.method, toHonoPath(op.path), () => {
      throw notImplemented(op.operationId, `${op.method} ${op.path}`);
    });
  }
}
