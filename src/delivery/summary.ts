import type { DeliveryRecord } from './journal.js';

/** One delivery as `POST /_hookyard/events` answers it by default: no request bodies, no attempt details. */
export interface DeliverySummary {
  id: string;
  eventIds: string[];
  target: DeliveryRecord['target'];
  outcome: DeliveryRecord['outcome'];
  status: number | null;
  attempts: number;
  errorCode: number | null;
  nextAttemptAt: string | null;
}

/** A delivery in a line: where it went, how it ended, how many attempts, what comes next. */
export function summarizeDelivery(d: DeliveryRecord): DeliverySummary {
  const last = d.attempts.at(-1);
  return { id: d.id, eventIds: d.eventIds, target: d.target, outcome: d.outcome, status: last?.response?.status ?? null, attempts: d.attempts.length, errorCode: last?.errorCode ?? null, nextAttemptAt: d.nextAttemptAt };
}
