import { HookyardError, notFound } from '../../../core/errors.js';
import type { SyncObjectKind } from './model.js';

/** Sync's error codes per object kind. @see https://www.twilio.com/docs/api/errors */
const CODES = {
  document: { notFound: 54100, mismatch: 54103, name: 'Document' },
  list: { notFound: 54150, itemNotFound: 54151, mismatch: 54155, name: 'List' },
  map: { notFound: 54200, itemNotFound: 54201, mismatch: 54205, name: 'Map' },
} as const;

export const objectNotFound = (kind: SyncObjectKind, id: string) => notFound(`${CODES[kind].name} ${id} not found`, CODES[kind].notFound);

export const itemNotFound = (kind: 'list' | 'map', id: string) => notFound(`${CODES[kind].name} Item ${id} not found`, CODES[kind].itemNotFound);

/** If-Match did not name the current revision: 412 (the HTTP status is unconfirmed; the codes are Twilio's). */
export const revisionMismatch = (kind: SyncObjectKind, expected: string, actual: number) =>
  new HookyardError('precondition', `The revision ${expected} in If-Match does not match the current revision ${actual}`, { code: CODES[kind].mismatch });

export const uniqueNameTaken = (name: string) => new HookyardError('conflict', `Unique name ${name} already exists`, { code: 54301 });

export const mapKeyTaken = (key: string) => new HookyardError('conflict', `Map Item with key ${key} already exists`, { code: 54208 });
