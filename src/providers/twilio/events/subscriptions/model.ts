import { defineIndex, type Row } from '../../../../core/collection.js';

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
/** A sink's subscriptions. */
export const SUBSCRIPTIONS_BY_SINK = defineIndex<Subscription>('sinkSid', (s) => s.sinkSid);
/** Subscriptions under every event type they list, so the matcher reads only those that can match. */
export const SUBSCRIPTIONS_BY_TYPE = defineIndex<Subscription>('type', (s) => s.types.map((t) => t.type));
