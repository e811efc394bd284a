import { invalidParam } from '../../../core/errors.js';
import type { OutboundRequest } from '../../../delivery/request.js';
import type { DeliverySigner, SignatureReport } from '../../signer.js';
import { bodySha256, twilioSignature, twilioSignedString, type SignedParams } from './signature.js';

const HEADER = 'x-twilio-signature';
const isForm = (r: OutboundRequest) => (r.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

/** A form body as a receiver reads it: each name with its value, or all values of a repeated one. */
function formParams(body: string): SignedParams {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const had = out[k];
    out[k] = had === undefined ? v : [...(typeof had === 'string' ? [had] : had), v];
  }
  return out;
}

/** `bodySHA256` in a URL set to the hash of `body` (Event Streams' JSON deliveries sign over it). */
function rehash(url: string, body: string): string {
  const u = new URL(url);
  u.searchParams.set('bodySHA256', bodySha256(body));
  return u.toString();
}

/**
 * `X-Twilio-Signature` checked as `twilio.validateRequest` (forms: URL + sorted params) and
 * `validateRequestWithBody` (JSON: URL with `bodySHA256`, which must be the body's hash) do it, over the
 * URL the receiver sees (`signedUrl` behind `--public-url`), keyed with the account's Auth Token.
 */
export function explainTwilio(authToken: string | undefined, account: string, request: OutboundRequest): SignatureReport {
  const url = request.signedUrl ?? request.url;
  const form = isForm(request);
  const params = form ? formParams(request.body) : {};
  const sent = request.headers[HEADER] ?? null;
  const expected = authToken === undefined ? null : twilioSignature(authToken, url, params);
  const report: SignatureReport = {
    header: HEADER,
    scheme: form ? 'HMAC-SHA1 (base64) of the URL, then each form field name+value in name order' : 'HMAC-SHA1 (base64) of the URL, whose bodySHA256 is the hex SHA-256 of the body',
    key: `Auth Token of ${account}`,
    sent,
    expected,
    signedString: twilioSignedString(url, params),
    valid: false,
  };
  if (!form) {
    const carried = new URL(url).searchParams.get('bodySHA256');
    const actual = bodySha256(request.body);
    report.bodyHash = { sent: carried, actual, valid: carried === actual };
  }
  if (sent === null) report.reason = 'the request carried no X-Twilio-Signature';
  else if (expected === null) report.reason = `hookyard knows no Auth Token for ${account}`;
  else if (sent !== expected) report.reason = 'the signature does not match the URL and body with this Auth Token';
  else if (report.bodyHash && !report.bodyHash.valid) report.reason = 'bodySHA256 in the URL is not the SHA-256 of the body';
  else report.valid = true;
  return report;
}

/** Twilio's signer for every Twilio API here: the key is the Auth Token of the delivery's account. */
export const twilioSigner: DeliverySigner = {
  explain: (ctx, record, request) => explainTwilio(ctx.twilio.accounts.get(record.scope), record.scope, request),
  resign(ctx, record, body) {
    const token = ctx.twilio.accounts.get(record.scope);
    if (token === undefined) throw invalidParam('body', `hookyard knows no Auth Token for ${record.scope} to sign with`);
    const old = record.request;
    if (isForm(old)) return { ...old, headers: { ...old.headers, [HEADER]: twilioSignature(token, old.signedUrl ?? old.url, formParams(body)) }, body };
    try {
      JSON.parse(body);
    } catch {
      throw invalidParam('body', 'This delivery is JSON: the edited body must be valid JSON');
    }
    const url = rehash(old.url, body);
    const signedUrl = old.signedUrl === undefined ? undefined : rehash(old.signedUrl, body);
    return { ...old, url, ...(signedUrl === undefined ? {} : { signedUrl }), headers: { ...old.headers, [HEADER]: twilioSignature(token, signedUrl ?? url) }, body };
  },
};
