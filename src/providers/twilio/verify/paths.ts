/** Verify v2 route paths, defined once and imported by routes and tests. */
export const VERIFY_PATHS = {
  services: '/v2/Services',
  service: '/v2/Services/:Sid',
  webhooks: '/v2/Services/:ServiceSid/Webhooks',
  webhook: '/v2/Services/:ServiceSid/Webhooks/:Sid',
} as const;

export const VERIFY_HOST = 'verify.twilio.com';
