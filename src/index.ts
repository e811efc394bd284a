/**
 * hookyard's public API. Keep it small; test/unit/public-api.test.ts pins the export names.
 */
export { createHookyard, type Hookyard, type HookyardClock, type HookyardOptions } from './server/hookyard.js';
export { twilioHttpClient, type TwilioHttpClient, type TwilioRequestOpts } from './sdk/twilio-http-client.js';
export { createManualClock, type Clock, type ClockState, type ManualClock } from './core/clock.js';
export { DEFAULTS } from './defaults.js';
export type { DeliveryRecord, DeliveryFilter, Attempt, Outcome } from './delivery/journal.js';
export type { WaitFilter } from './delivery/wait.js';
export type { DeliveryQuery } from './delivery/filter.js';
export type { HookyardEvent } from './events/event.js';
export type { EmitRequestJson, EmitResult } from './server/emit.js';
export type { RequestFilter, RequestRecord, ParamValue } from './requests/journal.js';
export type { ExpectRequestOptions } from './requests/expect.js';
export type { StateDocument } from './state/document.js';
export type { CodeFilter, SentCode, SimulatedDevice, VerifyHelpers } from './providers/twilio/verify/admin.js';
