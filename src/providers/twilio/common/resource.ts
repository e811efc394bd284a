import type { Collection, Row } from '../../../core/collection.js';
import { notFound } from '../../../core/errors.js';
import { isSid, type SidKind } from '../../../core/ids.js';

/**
 * The row with that SID in the account, or Twilio's 20404 naming the resource path (without the
 * version, as Twilio writes it). A malformed SID is a 404 too, as on the real API.
 */
export function requireRow<T extends Row>(rows: Collection<T>, accountSid: string, sid: string, kind: SidKind, path: string, where: (row: T) => boolean = () => true): T {
  const row = isSid(sid, kind) ? rows.get(accountSid, sid) : undefined;
  if (!row || !where(row)) throw notFound(`The requested resource ${path} was not found`);
  return row;
}
