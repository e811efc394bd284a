import type { Hono } from 'hono';
import type { Context } from '../../../core/context.js';
import { basicKey, mintToken, TOKEN_TTL_SECONDS } from '../common/auth.js';
import { PROVISIONING_PATHS } from './paths.js';

/**
 * `POST /oauth2/token`, client credentials, as the official SDK calls it: `Authorization: Basic
 * keyId:keySecret` (or `client_id`/`client_secret` in the form) and `grant_type=client_credentials`.
 * Errors use OAuth2's own shape (RFC 6749 §5.2); Sinch's real error bodies are undocumented.
 * @see https://developers.sinch.com/docs/getting-started/authentication/oauth
 */
export function routeOauth2(app: Hono<any>, ctx: Context): void {
  app.post(PROVISIONING_PATHS.oauth2Token, async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const fromForm = form.get('client_id') !== null ? `Basic ${Buffer.from(`${form.get('client_id')}:${form.get('client_secret') ?? ''}`).toString('base64')}` : '';
    const keyId = basicKey(ctx, c.req.header('authorization') ?? fromForm);
    if (keyId === undefined) {
      c.header('WWW-Authenticate', 'Basic realm="sinch"');
      return c.json({ error: 'invalid_client', error_description: 'Unknown key id or wrong key secret' }, 401);
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return c.json({ error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' }, 400);
    }
    const key = [...ctx.sinch.projects.values()].find((k) => k.keyId === keyId)!;
    const now = Math.floor(ctx.clock.now().getTime() / 1000);
    return c.json({ access_token: mintToken(keyId, key.keySecret, now), token_type: 'bearer', expires_in: TOKEN_TTL_SECONDS, scope: '' });
  });
}
