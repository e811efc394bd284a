import { HookyardError } from '../core/errors.js';

/** A `--setup` call that did not succeed is reported with what hookyard answered. */
export function expectCreated<T = any>(res: { status: number; json: T }, what: string): T {
  if (res.status < 200 || res.status >= 300) {
    throw new HookyardError('invalid_param', `setup could not create ${what}: ${res.status} ${JSON.stringify(res.json)}`);
  }
  return res.json;
}
