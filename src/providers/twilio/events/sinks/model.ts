import type { Row } from '../../../../core/collection.js';

export const SINK_TYPES = ['webhook', 'kinesis', 'segment', 'email'] as const;
export type SinkType = (typeof SINK_TYPES)[number];

export const SINK_STATUSES = ['initialized', 'validating', 'active', 'failed'] as const;
export type SinkStatus = (typeof SINK_STATUSES)[number];

export interface Sink extends Row {
  accountSid: string;
  description: string;
  sinkType: SinkType;
  /** As given (parsed from the SinkConfiguration JSON text), echoed back as an object. */
  sinkConfiguration: Record<string, unknown>;
  status: SinkStatus;
  /** The `test_id` of the last test event sent, which Validate must quote. */
  testId: string | null;
  dateCreated: string;
  dateUpdated: string;
}

export const EVENTS_SINKS = 'events.sinks';
