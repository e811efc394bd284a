import { Hono } from 'hono';
import { defineProvider } from '../../provider.js';
import { PROVISIONING_OPERATIONS } from './operations.js';
import { sinchAuth, type SinchEnv } from '../common/auth.js';
import { sinchError, sinchOnError } from '../common/errors.js';
import { buildSinchEvent, matchSinchEvents } from './callbacks.js';
import { describeSinchEvent, setupSinch } from './catalog.js';
import { routeOauth2 } from './oauth2.js';
import { PROVISIONING_HOST, SINCH_AUTH_HOST } from './paths.js';
import { SINCH_CALLBACK_TYPES } from './triggers.js';
import { routeSinchWebhooks } from './webhooks/routes.js';
import { sinchSigner } from './signer.js';

/**
 * Sinch Provisioning API webhooks: the six operations, the OAuth2 token route, and signed callbacks.
 * @see https://developers.sinch.com/docs/provisioning-api/api-reference/provisioning-api/webhooks
 */
export const provisioningProvider = defineProvider({
  name: 'sinch.provisioning',
  signer: sinchSigner,
  tablePrefix: 'sinch.',
  title: 'Sinch Provisioning',
  entryPath: '/v1/projects/{projectId}/webhooks',
  hosts: [PROVISIONING_HOST, SINCH_AUTH_HOST],
  eventTypes: SINCH_CALLBACK_TYPES,
  operations: PROVISIONING_OPERATIONS,
  routes(ctx) {
    const app = new Hono<SinchEnv>();
    app.onError(sinchOnError);
    routeOauth2(app, ctx);
    app.use('/v1/projects/:projectId/*', sinchAuth(ctx));
    routeSinchWebhooks(app, ctx);
    return app;
  },
  notFound: (c) => (/^\/(v1\/projects|oauth2)(\/|$)/.test(new URL(c.req.url).pathname) ? sinchOnError(sinchError('not_found'), c) : undefined),
  renderError: (c, err) => (/^\/(v1\/projects|oauth2)(\/|$)/.test(new URL(c.req.url).pathname) ? sinchOnError(err, c) : undefined),
  matcher: matchSinchEvents,
  whyNoDelivery: (_ctx, event) => `no webhook of project ${event.scope} has the trigger ${event.type} or ALL (POST /v1/projects/${event.scope}/webhooks)`,
  describe: describeSinchEvent,
  setup: setupSinch,
  buildEvent: (ctx, emit) => buildSinchEvent(ctx, typeof emit.input['projectId'] === 'string' ? emit.input['projectId'] : [...ctx.sinch.projects.keys()][0]!, emit),
});
