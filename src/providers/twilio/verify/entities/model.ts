import { defineIndex, type Row } from '../../../../core/collection.js';

/** An Entity: the user behind Push, TOTP and passkey factors, addressed by its `identity` within a Service. */
export interface Entity extends Row {
  accountSid: string;
  serviceSid: string;
  /** As first given; matched case-insensitively (Twilio's examples lower-case it in URLs). */
  identity: string;
  dateCreated: string;
  dateUpdated: string;
}

export const VERIFY_ENTITIES = 'verify.entities';
/** Entities by identity, case-insensitively (key: `<service sid> <identity, lower case>`). */
export const ENTITIES_BY_IDENTITY = defineIndex<Entity>('service+identity', (e) => `${e.serviceSid} ${e.identity.toLowerCase()}`);
/** A service's entities. */
export const ENTITIES_BY_SERVICE = defineIndex<Entity>('serviceSid', (e) => e.serviceSid);
