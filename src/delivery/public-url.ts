import { isHttpUrl, urlUnder } from '../core/url.js';

/** A local origin (or URL prefix) and the public one the app believes it has: a tunnel, a proxy. */
export interface PublicUrlRule {
  local: string;
  public: string;
}

/** Where a delivery goes, and the URL its signature covers (the same unless a rule applies). */
export interface Route {
  send: string;
  sign: string;
}

export interface PublicUrls {
  rules(): PublicUrlRule[];
  set(rules: readonly PublicUrlRule[]): void;
  route(url: string): Route;
}

export class PublicUrlError extends Error {
  override name = 'PublicUrlError';
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

/**
 * `{ 'http://127.0.0.1:3000': 'https://abc.ngrok.app' }` (or `local=public` strings from the CLI) as rules:
 * both sides absolute http(s) URLs without a query or fragment.
 */
export function parsePublicUrlRules(input: unknown): PublicUrlRule[] {
  let pairs: [string, unknown][];
  if (typeof input === 'string' || Array.isArray(input)) pairs = [input].flat().map((s: unknown) => splitRule(String(s)));
  else if (input !== null && typeof input === 'object') pairs = Object.entries(input);
  else throw new PublicUrlError('public URLs are an object such as {"http://127.0.0.1:3000": "https://abc.ngrok.app"}');
  return pairs.map(([local, pub]) => {
    for (const u of [local, pub]) {
      if (typeof u !== 'string' || !isHttpUrl(u) || /[?#]/.test(u)) throw new PublicUrlError(`public URL rule ${JSON.stringify(local)} → ${JSON.stringify(pub)}: each side must be an http(s) origin or URL prefix without ? or #`);
    }
    return { local: trimSlash(local), public: trimSlash(pub as string) };
  });
}

/** `http://127.0.0.1:3000=https://abc.ngrok.app`: split at the first `=` after the scheme. */
function splitRule(text: string): [string, string] {
  const at = text.indexOf('=', text.indexOf('://') + 3);
  if (at < 0) throw new PublicUrlError(`public URL '${text}' must be <local-origin>=<public-origin>, e.g. http://127.0.0.1:3000=https://abc.ngrok.app`);
  return [text.slice(0, at), text.slice(at + 1)];
}

/**
 * Sign for the URL the app believes it has: a delivery to a URL under a rule's local origin is sent there
 * but signed over the public one; a webhook registered with the public URL is signed over it and sent to
 * the local one (hookyard works offline, so the tunnel itself is never used).
 */
export function createPublicUrls(initial: readonly PublicUrlRule[] = []): PublicUrls {
  let rules = [...initial];
  return {
    rules: () => [...rules],
    set(next) {
      rules = [...next];
    },
    route(url) {
      for (const r of rules) {
        if (urlUnder(url, r.local)) return { send: url, sign: r.public + url.slice(r.local.length) };
        if (urlUnder(url, r.public)) return { send: r.local + url.slice(r.public.length), sign: url };
      }
      return { send: url, sign: url };
    },
  };
}
