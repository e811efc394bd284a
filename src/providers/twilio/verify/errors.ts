import { HookyardError } from '../../../core/errors.js';

/**
 * Verify's own error codes, in Twilio's error JSON.
 * @see https://www.twilio.com/docs/verify/api/error-codes
 */
export const verifyInvalid = (param: string, detail?: string) =>
  new HookyardError('invalid_param', `Invalid parameter \`${param}\`${detail ? `: ${detail}` : ''}`, { param, code: 60200 });

export const verifyError = (status: number, code: number, message: string, param?: string) =>
  new HookyardError(status === 404 ? 'not_found' : status === 429 ? 'rate_limited' : status === 403 ? 'forbidden' : 'invalid_param', message, { status, code, ...(param ? { param } : {}) });

/** Twilio's 20404 naming the resource path without the version, as Twilio writes it. */
export const verifyNotFound = (path: string) => new HookyardError('not_found', `The requested resource ${path} was not found`);
