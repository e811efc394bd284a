import type { Context as HonoContext } from 'hono';
import { memoize } from '../core/memo.js';

/** Real hostnames hookyard answers for; a request whose Host names one is routed by it. */
export const PROVIDER_HOSTS = {
  'verify.twilio.com': 'twilio.verify',
  'events.twilio.com': 'twilio.events',
  'sync.twilio.com': 'twilio.sync',
  'provisioning.api.sinch.com': 'sinch.provisioning',
  // The official SDK fetches OAuth2 tokens from auth.sinch.com; hookyard serves that route too.
  'auth.sinch.com': 'sinch.provisioning',
} as const;

/**
 * The origin to write into `url`, `links` and page URLs: the real provider's (https) when the request
 * named its host, else the origin the client used — so following a `next_page_url` stays on hookyard.
 */
export function publicOrigin(c: HonoContext): string {
  // Every call asks: remembered by the URL's scheme and authority as received (parsing a URL per call was ~2 %
  // of a create). The origin depends on that prefix alone.
  const url = c.req.url;
  const end = url.indexOf('/', url.indexOf('//') + 2);
  return originOf(end < 0 ? url : url.slice(0, end));
}
const originOf = memoize((prefix) => {
  const u = new URL(prefix);
  return u.hostname in PROVIDER_HOSTS ? `https://${u.hostname}` : u.origin;
});
