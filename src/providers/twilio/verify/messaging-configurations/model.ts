import { defineIndex, type Row } from '../../../../core/collection.js';

/** Which Messaging Service sends a Service's SMS to one country (`all` for every other). Keyed `serviceSid:country`. */
export interface MessagingConfiguration extends Row {
  accountSid: string;
  serviceSid: string;
  country: string;
  messagingServiceSid: string;
  dateCreated: string;
  dateUpdated: string;
}

export const VERIFY_MESSAGING_CONFIGURATIONS = 'verify.messaging-configurations';
/** A service's messaging configurations. */
export const CONFIGS_BY_SERVICE = defineIndex<MessagingConfiguration>('serviceSid', (m) => m.serviceSid);
