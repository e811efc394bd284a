import { defineIndex, type Row } from '../../../../core/collection.js';

/** A number on the account's Verify SafeList (Pilot): never blocked by Fraud Guard, Geo permissions or send limits. */
export interface SafelistEntry extends Row {
  phoneNumber: string;
}

export const VERIFY_SAFELIST = 'verify.safelist';
/** Entries by phone number. */
export const SAFELIST_BY_PHONE = defineIndex<SafelistEntry>('phoneNumber', (e) => e.phoneNumber);
