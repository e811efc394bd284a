import { defineProvider } from '../../provider.js';
import { describeVerifyEvent, setupVerify } from './catalog.js';
import { twilioScope } from '../common/auth.js';
import { createTwilioApp, routeNotImplemented } from '../common/app.js';
import { VERIFY_NOT_IMPLEMENTED } from './not-implemented.js';
import { VERIFY_HOST } from './paths.js';
import { buildVerifyPushEvent, matchVerifyPushEvent, VERIFY_PUSH_EVENT_TYPES } from './push-events.js';
import { routeServices } from './services/routes.js';
import { routeWebhooks } from './webhooks/routes.js';

/**
 * Twilio Verify v2: Services, their Webhooks, and Verify Push webhook deliveries.
 * @see https://www.twilio.com/docs/verify/api/webhooks
 */
export const verifyProvider = defineProvider({
  name: 'twilio.verify',
  title: 'Twilio Verify v2',
  entryPath: '/v2/Services',
  hosts: [VERIFY_HOST],
  eventTypes: VERIFY_PUSH_EVENT_TYPES,
  routes(ctx) {
    const app = createTwilioApp(ctx, ['/v2']);
    routeServices(app, ctx);
    routeWebhooks(app, ctx);
    routeNotImplemented(app, VERIFY_NOT_IMPLEMENTED);
    return app;
  },
  matcher: matchVerifyPushEvent,
  describe: describeVerifyEvent,
  setup: setupVerify,
  buildEvent: (ctx, emit) => buildVerifyPushEvent(ctx, twilioScope(ctx, emit.scope), emit),
});
