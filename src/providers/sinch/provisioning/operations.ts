/**
 * `METHOD path` → operationId, as Sinch's Provisioning API OpenAPI (1.2.117) names the webhook operations.
 * The OAuth2 token route is not in that file: `oauth2Token` is hookyard's name for it.
 */
export const PROVISIONING_OPERATIONS: Readonly<Record<string, string>> = {
  'GET /v1/projects/{projectId}/webhooks': 'WebhookWebhookController_listWebhooks_v1',
  'POST /v1/projects/{projectId}/webhooks': 'WebhookWebhookController_createWebhook_v1',
  'GET /v1/projects/{projectId}/webhooks/{webhookId}': 'WebhookWebhookController_getWebhook_v1',
  'PUT /v1/projects/{projectId}/webhooks/{webhookId}': 'WebhookWebhookController_replaceWebhook_v1',
  'PATCH /v1/projects/{projectId}/webhooks/{webhookId}': 'WebhookWebhookController_updateWebhook_v1',
  'DELETE /v1/projects/{projectId}/webhooks/{webhookId}': 'WebhookWebhookController_deleteWebhook_v1',
  'POST /oauth2/token': 'oauth2Token',
};
