import { DEFAULTS } from '../defaults.js';
import type { HookyardApi } from '../providers/provider.js';

export interface ApiCredentials {
  /** `HOOKYARD_ADMIN_TOKEN`, for a hookyard started with `--admin-token`. */
  adminToken?: string | undefined;
  accountSid: string;
  authToken: string;
  sinchProjectId: string;
  sinchKeyId: string;
  sinchKeySecret: string;
}

/** Credentials from the environment `--print-env` writes, else hookyard's defaults. */
export const credentialsFromEnv = (env: NodeJS.ProcessEnv = process.env): ApiCredentials => ({
  adminToken: env['HOOKYARD_ADMIN_TOKEN'],
  accountSid: env['TWILIO_ACCOUNT_SID'] ?? DEFAULTS.accountSid,
  authToken: env['TWILIO_AUTH_TOKEN'] ?? DEFAULTS.authToken,
  sinchProjectId: env['SINCH_PROJECT_ID'] ?? DEFAULTS.sinchProjectId,
  sinchKeyId: env['SINCH_KEY_ID'] ?? DEFAULTS.sinchKeyId,
  sinchKeySecret: env['SINCH_KEY_SECRET'] ?? DEFAULTS.sinchKeySecret,
});

type Fetch = (request: Request) => Response | Promise<Response>;

/**
 * hookyard's own API for `--setup`, `trigger` and scenarios: over HTTP (`fetch`) against a running server,
 * or in-process (`hook.app.fetch`) with no HTTP hop.
 */
export function createApi(baseUrl: string, creds: ApiCredentials, send: Fetch = (r) => fetch(r)): HookyardApi {
  const basic = (user: string, pass: string) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
  return {
    sinchProjectId: creds.sinchProjectId,
    async request(method, path, body, auth) {
      const headers: Record<string, string> = {};
      if (auth === 'twilio') headers['authorization'] = basic(creds.accountSid, creds.authToken);
      if (auth === 'sinch') headers['authorization'] = basic(creds.sinchKeyId, creds.sinchKeySecret);
      if (auth === undefined && creds.adminToken) headers['authorization'] = `Bearer ${creds.adminToken}`;
      let payload: string | undefined;
      if (body?.form) {
        const form = new URLSearchParams();
        for (const [k, v] of Object.entries(body.form)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
        payload = form.toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else if (body?.json !== undefined) {
        payload = JSON.stringify(body.json);
        headers['content-type'] = 'application/json';
      }
      // With its length stated, the body is checked against --max-body up front rather than streamed through a limiter.
      if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
      const res = await send(new Request(new URL(path, baseUrl), { method, headers, ...(payload === undefined ? {} : { body: payload }) }));
      const text = await res.text();
      let json: unknown = text;
      try {
        json = text === '' ? null : JSON.parse(text);
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, json };
    },
  };
}
