import type { SpecOperation } from '../common/app.js';

/**
 * Sync v1 operations hookyard does not emulate — Streams and the ACL Permissions resources — each answering
 * 501 naming itself. test/unit/spec-routes.test.ts checks this list against Twilio's spec.
 */
export const SYNC_NOT_IMPLEMENTED: readonly SpecOperation[] = [
  { operationId: 'FetchDocumentPermission', method: 'GET', path: '/v1/Services/{ServiceSid}/Documents/{DocumentSid}/Permissions/{Identity}' },
  { operationId: 'DeleteDocumentPermission', method: 'DELETE', path: '/v1/Services/{ServiceSid}/Documents/{DocumentSid}/Permissions/{Identity}' },
  { operationId: 'UpdateDocumentPermission', method: 'POST', path: '/v1/Services/{ServiceSid}/Documents/{DocumentSid}/Permissions/{Identity}' },
  { operationId: 'ListDocumentPermission', method: 'GET', path: '/v1/Services/{ServiceSid}/Documents/{DocumentSid}/Permissions' },
  { operationId: 'CreateStreamMessage', method: 'POST', path: '/v1/Services/{ServiceSid}/Streams/{StreamSid}/Messages' },
  { operationId: 'FetchSyncListPermission', method: 'GET', path: '/v1/Services/{ServiceSid}/Lists/{ListSid}/Permissions/{Identity}' },
  { operationId: 'DeleteSyncListPermission', method: 'DELETE', path: '/v1/Services/{ServiceSid}/Lists/{ListSid}/Permissions/{Identity}' },
  { operationId: 'UpdateSyncListPermission', method: 'POST', path: '/v1/Services/{ServiceSid}/Lists/{ListSid}/Permissions/{Identity}' },
  { operationId: 'ListSyncListPermission', method: 'GET', path: '/v1/Services/{ServiceSid}/Lists/{ListSid}/Permissions' },
  { operationId: 'FetchSyncMapPermission', method: 'GET', path: '/v1/Services/{ServiceSid}/Maps/{MapSid}/Permissions/{Identity}' },
  { operationId: 'DeleteSyncMapPermission', method: 'DELETE', path: '/v1/Services/{ServiceSid}/Maps/{MapSid}/Permissions/{Identity}' },
  { operationId: 'UpdateSyncMapPermission', method: 'POST', path: '/v1/Services/{ServiceSid}/Maps/{MapSid}/Permissions/{Identity}' },
  { operationId: 'ListSyncMapPermission', method: 'GET', path: '/v1/Services/{ServiceSid}/Maps/{MapSid}/Permissions' },
  { operationId: 'FetchSyncStream', method: 'GET', path: '/v1/Services/{ServiceSid}/Streams/{Sid}' },
  { operationId: 'DeleteSyncStream', method: 'DELETE', path: '/v1/Services/{ServiceSid}/Streams/{Sid}' },
  { operationId: 'UpdateSyncStream', method: 'POST', path: '/v1/Services/{ServiceSid}/Streams/{Sid}' },
  { operationId: 'CreateSyncStream', method: 'POST', path: '/v1/Services/{ServiceSid}/Streams' },
  { operationId: 'ListSyncStream', method: 'GET', path: '/v1/Services/{ServiceSid}/Streams' },
];
