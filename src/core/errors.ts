/**
 * What went wrong, independent of any vendor's wire shape. Handlers throw these; each provider's
 * `onError` renders them in its own error JSON.
 */
export type ErrorKind =
  | 'invalid_param'
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'limit'
  | 'rate_limited'
  | 'too_large'
  | 'unsupported_media'
  | 'precondition'
  | 'not_implemented'
  | 'internal';

const STATUS: Record<ErrorKind, number> = {
  invalid_param: 400,
  auth: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  limit: 424,
  rate_limited: 429,
  too_large: 413,
  unsupported_media: 415,
  precondition: 412,
  not_implemented: 501,
  internal: 500,
};

export interface ErrorDetail {
  /** The request parameter at fault, in wire spelling. */
  param?: string;
  /** A vendor error code when the handler knows the exact one (e.g. Sync 54103). */
  code?: number | string;
  /** The spec operation, for not_implemented. */
  operation?: string;
  status?: number;
}

export class HookyardError extends Error {
  readonly status: number;
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly detail: ErrorDetail = {},
  ) {
    super(message);
    this.name = 'HookyardError';
    this.status = detail.status ?? STATUS[kind];
  }
}

export const invalidParam = (param: string, message: string, code?: number) =>
  new HookyardError('invalid_param', message, { param, ...(code === undefined ? {} : { code }) });

export const missingParam = (param: string) =>
  new HookyardError('invalid_param', `Missing required parameter ${param} in the post body`, { param });

export const notFound = (message: string, code?: number) =>
  new HookyardError('not_found', message, code === undefined ? {} : { code });

export const unauthorized = (message = 'Authenticate') => new HookyardError('auth', message);

/**
 * A row that was there when a request looked it up and is gone when it writes (a DELETE landed in
 * between). Each provider answers it as that resource's 404, never a 500.
 */
export class RowGoneError extends HookyardError {
  constructor(table: string, sid: string) {
    super('not_found', `${table} ${sid} was deleted while this request ran`);
  }
}
