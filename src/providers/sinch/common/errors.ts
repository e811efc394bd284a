import type { Context as HonoContext } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HookyardError, RowGoneError, type ErrorKind } from '../../../core/errors.js';

/**
 * The Provisioning API's error codes with their published message and resolution (v1.2.117).
 * @see https://developers.sinch.com/docs/provisioning-api/api-reference/provisioning-api/webhooks
 */
export const SINCH_ERRORS = {
  invalid_page_size: [400, 'Page size must be numeric.', 'Use a integer value for pageSize parameter.'],
  invalid_page_token: [400, 'Invalid page token.', 'The page token to use is provided in the previous query response, for new queries simply leave this field undefined.'],
  invalid_input: [400, 'Invalid input.', 'Correct the validation errors and submit again.'],
  invalid_payload: [400, 'Invalid payload.', 'Correct payload and submit again.'],
  invalid_id_format: [400, 'Id is not in the expected format.', "webhookId param is in the wrong format. Confirm that you're sending the correct value."],
  unauthorized_error: [401, 'Unauthorized error.', 'Verify that projectId is correct.'],
  webhook_not_found: [404, 'Webhook not found.', 'Verify that the parameters are correct.'],
  not_found: [404, 'Not found.', 'Verify the path: hookyard emulates the Provisioning API webhooks endpoints.'],
  webhook_exists: [409, 'Webhook with the provided target already exists.', 'Webhooks must have a unique target. Change the target and submit again.'],
  webhook_limit_reached: [424, 'Number of webhooks has reached the limit.', 'Delete some webhooks to be able to add more.'],
  // hookyard's own: refusals before any route runs (a foreign Host or Origin, a body over the limit).
  forbidden: [403, 'Forbidden.', 'hookyard answers only hosts it knows: add this one with --allowed-host.'],
  payload_too_large: [413, 'Payload too large.', 'Send a smaller body, or raise the limit with --max-body.'],
  // hookyard's own, for Provisioning API families it does not emulate (WhatsApp, RCS, KakaoTalk …).
  not_implemented: [501, 'Not implemented by hookyard.', 'hookyard emulates only the webhooks endpoints of the Provisioning API.'],
  internal_error: [500, 'Internal server error.', 'Please wait and try again, if the error persist please contact support.'],
} as const;

export type SinchErrorCode = keyof typeof SINCH_ERRORS;

const KIND: Record<number, ErrorKind> = { 400: 'invalid_param', 401: 'auth', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 413: 'too_large', 424: 'limit', 500: 'internal', 501: 'not_implemented' };

interface SinchErrorExtras {
  /** e.g. class-validator style `validationErrors`. */
  additionalInformation?: Record<string, unknown>;
  wwwAuthenticate?: string;
}

/** What a Sinch error carries beyond its code. */
const extras = new WeakMap<HookyardError, SinchErrorExtras>();

export function sinchError(code: SinchErrorCode, more: SinchErrorExtras = {}): HookyardError {
  const [status, message] = SINCH_ERRORS[code];
  const err = new HookyardError(KIND[status]!, message, { code, status });
  extras.set(err, more);
  return err;
}

/** `onError` for Sinch sub-apps: `{errorCode, message, resolution, additionalInformation?}`. */
/** A generic hookyard refusal in Sinch's terms (the codes above that Sinch has, or hookyard's own). */
const BY_KIND: Partial<Record<ErrorKind, SinchErrorCode>> = { forbidden: 'forbidden', too_large: 'payload_too_large', unsupported_media: 'invalid_payload', invalid_param: 'invalid_input', auth: 'unauthorized_error', not_found: 'not_found' };

export function sinchOnError(err: Error, c: HonoContext): Response {
  if (err instanceof RowGoneError) err = sinchError('webhook_not_found');
  else if (err instanceof HookyardError && !(typeof err.detail.code === 'string' && err.detail.code in SINCH_ERRORS) && BY_KIND[err.kind]) err = sinchError(BY_KIND[err.kind]!);
  const known = err instanceof HookyardError && typeof err.detail.code === 'string' && err.detail.code in SINCH_ERRORS;
  if (!known) console.error(err);
  const e = known ? (err as HookyardError) : sinchError('internal_error');
  const code = e.detail.code as SinchErrorCode;
  const { additionalInformation, wwwAuthenticate } = extras.get(e) ?? {};
  if (wwwAuthenticate) c.header('WWW-Authenticate', wwwAuthenticate);
  const body = { errorCode: code, message: SINCH_ERRORS[code][1], resolution: SINCH_ERRORS[code][2], ...(additionalInformation ? { additionalInformation } : {}) };
  return c.json(body, SINCH_ERRORS[code][0] as ContentfulStatusCode);
}
