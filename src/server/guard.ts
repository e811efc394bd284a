import type { Context as HonoContext, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isIP } from 'node:net';
import { HookyardError } from '../core/errors.js';
import { memoize } from '../core/memo.js';
import { PROVIDER_HOSTS } from '../providers/hosts.js';
import type { Provider } from '../providers/provider.js';
import { twilioOnError } from '../providers/twilio/common/error-json.js';
import { adminOnError } from './admin.js';

/** Who may reach hookyard, and with what. */
export interface GuardOptions {
  /** The interface hookyard is bound to (always an allowed Host). */
  host: string;
  /** More Host names to answer (`--allowed-host`, `HOOKYARD_ALLOWED_HOSTS`); `.example.com` allows its subdomains. */
  allowedHosts: readonly string[];
  /** When set, `/_hookyard/*` (but `/health`) needs `Authorization: Bearer <token>`. */
  adminToken?: string | undefined;
  /** The largest request body read, in bytes; larger is 413. */
  maxBodyBytes: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** `127.0.0.1:7373` → `127.0.0.1`, `[::1]:7373` → `::1`, lower case. */
export function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  return h.replace(/:\d*$/, '');
}

/**
 * The rule Vite's dev server adopted for GHSA-vg6x-rcgg-rjx6: answer only Hosts that are localhost (or
 * `*.localhost`), an IP address, the bound host, a real provider host hookyard routes by, or one allowed
 * by the user. A DNS-rebinding page reaches hookyard under its own domain name, and is refused.
 */
export function isAllowedHost(hostname: string, o: Pick<GuardOptions, 'host' | 'allowedHosts'>): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost') || isIP(hostname) !== 0) return true;
  if (hostname === o.host.toLowerCase() || Object.hasOwn(PROVIDER_HOSTS, hostname)) return true;
  return o.allowedHosts.some((a) => {
    const allowed = a.toLowerCase();
    return allowed.startsWith('.') ? hostname === allowed.slice(1) || hostname.endsWith(allowed) : hostname === allowed;
  });
}

/** A refusal before routing, in the shape of whatever owns the path: the admin API, a provider, else Twilio. */
export function renderRefusal(providers: readonly Provider[], c: HonoContext, err: HookyardError): Response {
  if (new URL(c.req.url).pathname.startsWith('/_hookyard')) return adminOnError(err, c);
  // A provider host routes by host: only that provider owns its paths.
  const hostname = hostnameOf(c.req.header('host') ?? new URL(c.req.url).host);
  const owner = Object.hasOwn(PROVIDER_HOSTS, hostname) ? PROVIDER_HOSTS[hostname as keyof typeof PROVIDER_HOSTS] : undefined;
  for (const p of owner === undefined ? providers : providers.filter((x) => x.name === owner)) {
    const r = p.renderError?.(c, err);
    if (r) return r;
  }
  return twilioOnError(err, c);
}

/** The header the inspector sends with every write. */
export const CLIENT_HEADER = 'x-hookyard-client';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const hasBody = (c: HonoContext) => (Number(c.req.header('content-length') ?? 0) > 0) || c.req.header('transfer-encoding') !== undefined;

/**
 * What runs before any route: the Host rule; for the admin API, the optional Bearer token and — so that no
 * other web page can drive it — only same-origin (or allowed-origin) writes, with a JSON body when they
 * carry one (a cross-site `text/plain` or form POST needs no preflight; a JSON one does); then the body
 * size limit, enforced while reading.
 */
export function guard(o: GuardOptions, providers: readonly Provider[]): MiddlewareHandler[] {
  const refuse = (status: number, kind: HookyardError['kind'], message: string) => new HookyardError(kind, message, { status });
  const tooLarge = (c: HonoContext) => renderRefusal(providers, c, refuse(413, 'too_large', `The request body is larger than ${o.maxBodyBytes} bytes (hookyard's --max-body)`));
  // Hono's bodyLimit counts a streamed body as it is read; a declared length is checked from the header
  // alone (touching the raw Request's body would cost the node adapter its lazy request, ~60 % of a POST).
  const streamed = bodyLimit({ maxSize: o.maxBodyBytes, onError: tooLarge });
  // Every request asks about its Host: remember the answers (a handful of names), bounded all the same.
  const allowed = memoize((hostHeader) => isAllowedHost(hostnameOf(hostHeader), o));
  const checks: MiddlewareHandler = async (c, next) => {
    const hostHeader = c.req.header('host') ?? new URL(c.req.url).host;
    if (!allowed(hostHeader)) {
      const hostname = hostnameOf(hostHeader);
      throw refuse(403, 'forbidden', `Host '${hostname}' is not allowed: hookyard answers localhost, IP addresses, ${o.host} and the provider hosts; add more with --allowed-host ${hostname}`);
    }
    const path = c.req.path;
    if (path.startsWith('/_hookyard') && path !== '/_hookyard/health') {
      if (o.adminToken !== undefined && c.req.header('authorization') !== `Bearer ${o.adminToken}`) throw refuse(401, 'auth', 'The admin API needs Authorization: Bearer <the --admin-token>');
      if (WRITES.has(c.req.method)) {
        const origin = c.req.header('origin');
        if (origin !== undefined && !sameOrAllowedOrigin(origin, hostHeader, o)) throw refuse(403, 'forbidden', `Origin ${origin} may not change hookyard's state; only pages served by hookyard (or an --allowed-host) may`);
        // A browser's write (it sends Origin) must also carry hookyard's own header, as the inspector does: a
        // custom header makes any cross-origin attempt a CORS preflight, which hookyard never approves.
        if (origin !== undefined && c.req.header(CLIENT_HEADER) === undefined) throw refuse(403, 'forbidden', `Writes from a web page need the ${CLIENT_HEADER} header (hookyard's inspector sends it)`);
        const type = c.req.header('content-type') ?? '';
        if (hasBody(c) && !/^application\/json\s*(;|$)/i.test(type)) throw refuse(415, 'unsupported_media', `Admin writes take JSON: send Content-Type: application/json (got '${type || 'none'}')`);
      }
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) return Number(length) > o.maxBodyBytes ? tooLarge(c) : next();
    return streamed(c, next);
  };
  return [checks];
}

function sameOrAllowedOrigin(origin: string, hostHeader: string, o: GuardOptions): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  return u.host.toLowerCase() === hostHeader.toLowerCase() || o.allowedHosts.some((a) => a.toLowerCase() === u.hostname.toLowerCase());
}
