import type { Context as HonoContext } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HookyardError, notFound, RowGoneError } from '../../../core/errors.js';

/** Twilio's legacy error JSON, which twilio-node maps to `RestException`. */
export interface TwilioErrorJson {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

const CODE: Record<HookyardError['kind'], number> = {
  invalid_param: 20001,
  auth: 20003,
  forbidden: 20403,
  not_found: 20404,
  conflict: 20409,
  limit: 20429,
  rate_limited: 20429,
  // Twilio documents no codes for these transport-level refusals; like 20501 they are hookyard's own.
  too_large: 20413,
  unsupported_media: 20415,
  precondition: 20412,
  // Twilio defines no code for "not built"; 20501 is hookyard's own and says so in the message.
  not_implemented: 20501,
  internal: 20500,
};

export function toTwilioErrorJson(err: HookyardError): TwilioErrorJson {
  const code = typeof err.detail.code === 'number' ? err.detail.code : CODE[err.kind];
  return { code, message: err.message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: err.status };
}

/** `onError` for every Twilio sub-app: HookyardErrors in Twilio's shape, anything else a logged 500. */
export function twilioOnError(err: Error, c: HonoContext): Response {
  // A row deleted under the request: the resource's own 404, in Twilio's wording.
  const gone = err instanceof RowGoneError ? notFound(`The requested resource ${new URL(c.req.url).pathname.replace(/^\/v\d+/, '')} was not found`) : undefined;
  const e = gone ?? (err instanceof HookyardError ? err : new HookyardError('internal', 'Internal server error'));
  if (!(err instanceof HookyardError)) console.error(err);
  if (e.kind === 'auth') c.header('WWW-Authenticate', 'Basic realm="Twilio API"');
  return c.json(toTwilioErrorJson(e), e.status as ContentfulStatusCode);
}
