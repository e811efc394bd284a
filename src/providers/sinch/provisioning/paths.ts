/** Provisioning API route paths, defined once. */
export const PROVISIONING_PATHS = {
  webhooks: '/v1/projects/:projectId/webhooks',
  webhook: '/v1/projects/:projectId/webhooks/:webhookId',
  /** Every other Provisioning family (WhatsApp, RCS, KakaoTalk, bundles …): 501. */
  otherFamilies: '/v1/projects/:projectId/*',
  oauth2Token: '/oauth2/token',
} as const;

export const PROVISIONING_HOST = 'provisioning.api.sinch.com';
export const SINCH_AUTH_HOST = 'auth.sinch.com';
