/** Events v1 route paths, defined once. */
export const EVENTS_PATHS = {
  sinks: '/v1/Sinks',
  sink: '/v1/Sinks/:Sid',
  sinkTest: '/v1/Sinks/:Sid/Test',
  sinkValidate: '/v1/Sinks/:Sid/Validate',
  subscriptions: '/v1/Subscriptions',
  subscription: '/v1/Subscriptions/:Sid',
  subscribedEvents: '/v1/Subscriptions/:SubscriptionSid/SubscribedEvents',
  subscribedEvent: '/v1/Subscriptions/:SubscriptionSid/SubscribedEvents/:Type',
  types: '/v1/Types',
  type: '/v1/Types/:Type',
  schema: '/v1/Schemas/:Id',
  schemaVersions: '/v1/Schemas/:Id/Versions',
  schemaVersion: '/v1/Schemas/:Id/Versions/:SchemaVersion',
} as const;

/** Prefixes that require Twilio auth; every Events route lives under one. */
export const EVENTS_PREFIXES = ['/v1/Sinks', '/v1/Subscriptions', '/v1/Types', '/v1/Schemas'] as const;

export const EVENTS_HOST = 'events.twilio.com';
