/** What an inbound call's parameters are: a form field's values (one string, or all of a repeated field) or a JSON value. */
export type ParamValue = string | string[] | unknown;

/** One call the app made to a fake API, as `GET /_hookyard/requests` and `hook.requests()` show it. */
export interface RequestRecord {
  /** `RQ` and a sequence number: ids follow arrival, and never draw from the seeded random. */
  id: string;
  /** hookyard's clock when the call arrived. */
  at: string;
  /** The provider that owns the route (`twilio.verify` …); null when no route matched. */
  provider: string | null;
  /** The vendor's operationId (`CreateVerification`); null when no route matched. */
  operation: string | null;
  method: string;
  path: string;
  /** The matched route as the vendor's spec writes it (`/v2/Services/{ServiceSid}/Verifications`). */
  route: string | null;
  host: string;
  /** The account (AccountSid) or project the credentials named, once authenticated. */
  account: string | null;
  /** Path parameters, query, form fields (a repeated one as an array) and a JSON body's top-level fields. */
  params: Record<string, ParamValue>;
  /** A JSON body as sent (Sinch); absent for forms and empty bodies. */
  body?: unknown;
  /** Set when the body was larger than hookyard keeps (64 KiB): params then hold path and query only. */
  bodyTruncated?: true;
  status: number;
  durationMs: number;
  /** For a 4xx/5xx: the provider's error code and message, read from the answer. */
  error?: { code?: string | number; message?: string };
}

/**
 * What the middleware keeps of a call: cheap to take on every request. The record users read — with its
 * parameters parsed — is made from it only when someone looks (`materialize`).
 */
export interface RawRequest {
  atMs: number;
  provider: string | null;
  operation: string | null;
  method: string;
  path: string;
  /** The Hono route that answered (`/v2/Services/:ServiceSid/Webhooks`), for the path parameters. */
  routePath: string | null;
  route: string | null;
  host: string;
  account: string | null;
  url: string;
  contentType: string;
  /** The body as the handler read it; undefined when there was none to keep. */
  text?: string | undefined;
  bodyTruncated?: true;
  status: number;
  durationMs: number;
  error?: RequestRecord['error'];
}

/** Never journaled as sent. */
const REDACTED = new Set(['client_secret']);

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

function addAll(into: Record<string, ParamValue>, entries: Iterable<[string, string]>): void {
  const seen = new Map<string, string[]>();
  for (const [k, v] of entries) seen.set(k, [...(seen.get(k) ?? []), REDACTED.has(k) ? '[redacted]' : v]);
  for (const [k, vs] of seen) into[k] = vs.length === 1 ? vs[0]! : vs;
}

function pathParams(route: string, path: string, into: Record<string, ParamValue>): void {
  const values = path.split('/');
  route.split('/').forEach((n, i) => {
    const m = /^:(\w+)/.exec(n);
    if (m && values[i] !== undefined) into[m[1]!] = safeDecode(values[i]!);
  });
}

/** Path parameters, query, then form fields or a JSON body's top-level fields (the body kept whole too). */
export function materialize(id: string, raw: RawRequest): RequestRecord {
  const params: Record<string, ParamValue> = {};
  if (raw.routePath) pathParams(raw.routePath, raw.path, params);
  const q = raw.url.indexOf('?');
  if (q >= 0) addAll(params, new URLSearchParams(raw.url.slice(q + 1)));
  let body: { body?: unknown } = {};
  if (raw.text) {
    if (raw.contentType.includes('application/x-www-form-urlencoded')) addAll(params, new URLSearchParams(raw.text));
    else if (raw.contentType.includes('json')) {
      try {
        const parsed = JSON.parse(raw.text) as unknown;
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(params, parsed);
        body = { body: parsed };
      } catch {
        /* not JSON after all: the call is kept without its body */
      }
    }
  }
  return {
    id,
    at: new Date(raw.atMs).toISOString(),
    provider: raw.provider,
    operation: raw.operation,
    method: raw.method,
    path: raw.path,
    route: raw.route,
    host: raw.host,
    account: raw.account,
    params,
    ...body,
    ...(raw.bodyTruncated ? { bodyTruncated: true as const } : {}),
    status: raw.status,
    durationMs: raw.durationMs,
    ...(raw.error ? { error: raw.error } : {}),
  };
}
