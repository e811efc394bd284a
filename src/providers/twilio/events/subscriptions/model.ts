import type { Row } from '../../../../core/collection.js';

export interface SubscribedType {
  type: string;
  schemaVersion: number;
}

export interface Subscription extends Row {
  accountSid: string;
  description: string;
  sinkSid: string;
  /** The SubscribedEvents resources, kept on the subscription in the order they were added. */
  types: SubscribedType[];
  dateCreated: string;
  dateUpdated: string;
}

export const EVENTS_SUBSCRIPTIONS = 'events.subscriptions';
