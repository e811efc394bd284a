import type { Hono } from 'hono';
import type { Context } from '../../../../core/context.js';
import { publicOrigin } from '../../../hosts.js';
import type { TwilioEnv } from '../../common/auth.js';
import { verifyNotFound } from '../errors.js';
import { VERIFY_PATHS } from '../paths.js';

const str = (description: string, extra: Record<string, unknown> = {}) => ({ type: 'string', description, ...extra });

/**
 * The `form-push` form: JSON Schemas of what creating and verifying a Push factor and creating a
 * challenge take. Twilio's example leaves the schemas empty; these restate the spec's parameters.
 */
const FORM_PUSH = {
  create_factor: {
    type: 'object',
    required: ['friendly_name', 'factor_type', 'binding', 'config'],
    properties: {
      friendly_name: str('The friendly name of the factor', { maxLength: 64 }),
      factor_type: str('The type of the factor', { enum: ['push'] }),
      binding: { type: 'object', required: ['alg', 'public_key'], properties: { alg: str('Binding algorithm', { enum: ['ES256'] }), public_key: str('Base64 DER SubjectPublicKeyInfo of a P-256 key') } },
      config: {
        type: 'object',
        required: ['sdk_version', 'app_id', 'notification_platform'],
        properties: { sdk_version: str('SDK version'), app_id: str('App id', { maxLength: 100 }), notification_platform: str('Push platform', { enum: ['apn', 'fcm', 'none'] }), notification_token: str('Push token', { minLength: 32, maxLength: 255 }) },
      },
      metadata: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  verify_factor: { type: 'object', required: ['auth_payload'], properties: { auth_payload: str('Base64 ECDSA P-256 signature over the factor SID') } },
  create_challenge: {
    type: 'object',
    required: ['factor_sid', 'details'],
    properties: {
      factor_sid: str('The factor to challenge', { pattern: '^YF[0-9a-fA-F]{32}$' }),
      expiration_date: str('When the challenge expires', { format: 'date-time' }),
      details: { type: 'object', required: ['message'], properties: { message: str('Shown to the user', { maxLength: 256 }), fields: { type: 'array', maxItems: 20 } } },
      hidden_details: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
};

/**
 * `FetchForm`: only `form-push` exists; any other form type is a 404.
 * @see https://www.twilio.com/docs/verify/api
 */
export function routeForms(app: Hono<TwilioEnv>, _ctx: Context): void {
  app.get(VERIFY_PATHS.form, function fetchForm(c) {
    const type = c.req.param('FormType');
    if (type !== 'form-push') throw verifyNotFound(`/Forms/${type}`);
    return c.json({ form_type: 'form-push', forms: FORM_PUSH, form_meta: { binding_separator: '|' }, url: `${publicOrigin(c)}/v2/Forms/form-push` });
  });
}
