/** Verify v2 route paths, defined once and imported by routes and tests. */
export const VERIFY_PATHS = {
  services: '/v2/Services',
  service: '/v2/Services/:Sid',
  webhooks: '/v2/Services/:ServiceSid/Webhooks',
  webhook: '/v2/Services/:ServiceSid/Webhooks/:Sid',
  verifications: '/v2/Services/:ServiceSid/Verifications',
  verification: '/v2/Services/:ServiceSid/Verifications/:Sid',
  verificationCheck: '/v2/Services/:ServiceSid/VerificationCheck',
  attempts: '/v2/Attempts',
  attemptsSummary: '/v2/Attempts/Summary',
  attempt: '/v2/Attempts/:Sid',
  rateLimits: '/v2/Services/:ServiceSid/RateLimits',
  rateLimit: '/v2/Services/:ServiceSid/RateLimits/:Sid',
  buckets: '/v2/Services/:ServiceSid/RateLimits/:RateLimitSid/Buckets',
  bucket: '/v2/Services/:ServiceSid/RateLimits/:RateLimitSid/Buckets/:Sid',
  messagingConfigurations: '/v2/Services/:ServiceSid/MessagingConfigurations',
  messagingConfiguration: '/v2/Services/:ServiceSid/MessagingConfigurations/:Country',
  safelist: '/v2/SafeList/Numbers',
  safelistNumber: '/v2/SafeList/Numbers/:PhoneNumber',
  templates: '/v2/Templates',
  form: '/v2/Forms/:FormType',
} as const;

export const VERIFY_HOST = 'verify.twilio.com';
