import type { DeliveryTarget, OutboundRequest } from '../delivery/request.js';
import type { RetryPolicy } from '../delivery/retry.js';

export type { DeliveryTarget, OutboundRequest } from '../delivery/request.js';

/**
 * One thing that happened, in hookyard's own terms (camelCase data, no wire format). Fake-API mutations,
 * `POST /_hookyard/events`, triggers and scenarios all produce these and hand them to the emitter.
 */
export interface HookyardEvent {
  /** hookyard's event id (`HE…`); stays the same across every delivery and retry of this event. */
  id: string;
  /** The provider that owns the wire format, e.g. `twilio.verify`. */
  provider: string;
  /** The provider's own event type, e.g. `factor.created`. */
  type: string;
  /** Twilio AccountSid or Sinch projectId. */
  scope: string;
  /** ISO 8601 with milliseconds. */
  occurredAt: string;
  data: Record<string, unknown>;
}

/**
 * The matcher's answer for one interested target: the events one request carries (several when the
 * target batches), and what to send — or why nothing can be sent.
 */
export type DeliveryPlan = { target: DeliveryTarget; events: readonly HookyardEvent[] } & (
  | {
      request: OutboundRequest;
      timeoutMs: number;
      connectTimeoutMs?: number;
      /** The provider's retry behaviour; none when absent. */
      retry?: RetryPolicy;
      /** Whose error codes to record for failed attempts (a key of `ERROR_CODE_TABLES`). */
      errorCodes?: string;
    }
  | { notDelivered: string; /** What would have been sent, for the journal. */ request?: OutboundRequest }
);
