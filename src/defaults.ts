/**
 * Documented defaults. The port is one common dev tools do not claim (3000, 4000, 5000, 5173, 8000,
 * 8080, 4566 …); the credentials are fixed so a developer's `.env` keeps working across restarts.
 */
export const DEFAULTS = {
  port: 7373,
  host: '127.0.0.1',
  accountSid: 'AC00000000000000000000000000000000',
  authToken: 'hookyard_auth_token',
  sinchProjectId: '00000000-0000-4000-8000-000000000001',
  sinchKeyId: '00000000-0000-4000-8000-000000000002',
  sinchKeySecret: 'hookyard_key_secret',
  /** The secret `--setup` and the shipped Sinch scenario give the webhooks they create (Sinch signs each callback with its webhook's own). */
  sinchWebhookSecret: 'hookyard_webhook_secret',
} as const;
