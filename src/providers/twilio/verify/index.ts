import { createCollection } from '../../../core/collection.js';
import { defineProvider } from '../../provider.js';
import { VERIFY_OPERATIONS } from './operations.js';
import { VERIFY_WEBHOOKS, WEBHOOKS_BY_SERVICE, type VerifyWebhook } from './webhooks/model.js';
import { describeVerifyEvent, setupVerify } from './catalog.js';
import { twilioScope } from '../common/auth.js';
import { createTwilioApp } from '../common/app.js';
import { VERIFY_HOST } from './paths.js';
import { buildVerifyPushEvent, matchVerifyPushEvent, VERIFY_PUSH_EVENT_TYPES } from './push/events.js';
import { createVerifyAdmin } from './admin.js';
import { routeAccessTokens } from './access-tokens/routes.js';
import { routeChallenges } from './challenges/routes.js';
import { deviceScope, verifyTokenAuth } from './device-auth.js';
import { routeEntities } from './entities/routes.js';
import { routeFactors } from './factors/routes.js';
import { routeAttempts } from './attempts/routes.js';
import { routeForms } from './forms/routes.js';
import { routePasskeys } from './passkeys/routes.js';
import { routeMessagingConfigurations } from './messaging-configurations/routes.js';
import { routeRateLimits } from './rate-limits/routes.js';
import { routeSafelist } from './safelist/routes.js';
import { routeServices } from './services/routes.js';
import { routeTemplates } from './templates/routes.js';
import { armAllExpiries } from './verifications/lifecycle.js';
import { routeVerifications } from './verifications/routes.js';
import { routeWebhooks } from './webhooks/routes.js';
import { twilioSigner } from '../common/signer.js';

/**
 * Twilio Verify v2, all 57 operations: Services, Webhooks, Verifications and checks (codes on hookyard's
 * clock), Attempts, Rate Limits and Buckets, Messaging Configurations, the SafeList, Templates, Forms,
 * Entities, Push/TOTP Factors and Challenges with real crypto, Notifications, Access Tokens, Passkeys —
 * and the Verify Push webhooks, which follow from factor and challenge state.
 * @see https://www.twilio.com/docs/verify/api/webhooks
 */
export const verifyProvider = defineProvider({
  name: 'twilio.verify',
  signer: twilioSigner,
  tablePrefix: 'verify.',
  title: 'Twilio Verify v2',
  entryPath: '/v2/Services',
  hosts: [VERIFY_HOST],
  eventTypes: VERIFY_PUSH_EVENT_TYPES,
  operations: VERIFY_OPERATIONS,
  routes(ctx) {
    const app = createTwilioApp(ctx, ['/v2'], verifyTokenAuth(ctx));
    app.use('/v2/*', deviceScope());
    routeServices(app, ctx);
    routeWebhooks(app, ctx);
    routeVerifications(app, ctx);
    // Static paths before `/v2/Attempts/:Sid`, so `Summary` is not taken for a SID.
    routeAttempts(app, ctx);
    routeRateLimits(app, ctx);
    routeMessagingConfigurations(app, ctx);
    routeSafelist(app, ctx);
    routeTemplates(app, ctx);
    routeEntities(app, ctx);
    routeFactors(app, ctx);
    routeChallenges(app, ctx);
    routeAccessTokens(app, ctx);
    routePasskeys(app, ctx);
    routeForms(app, ctx);
    // Pending verifications of a --db store get their expiry timers back.
    armAllExpiries(ctx);
    return app;
  },
  restored: armAllExpiries,
  admin: createVerifyAdmin,
  matcher: matchVerifyPushEvent,
  whyNoDelivery: (ctx, event) => {
    const service = String(event.data['serviceSid']);
    const mine = createCollection<VerifyWebhook>(ctx.store, VERIFY_WEBHOOKS).by(event.scope, WEBHOOKS_BY_SERVICE, service);
    if (mine.length === 0) return `service ${service} has no webhooks: create one (POST /v2/Services/${service}/Webhooks) or use hookyard trigger --setup --webhook <url>`;
    return `no enabled webhook of service ${service} subscribes to ${event.type} (its webhooks take ${[...new Set(mine.flatMap((w) => (w.status === 'enabled' ? w.eventTypes : [])))].join(', ') || 'nothing: all are disabled'})`;
  },
  describe: describeVerifyEvent,
  setup: setupVerify,
  buildEvent: (ctx, emit) => buildVerifyPushEvent(ctx, twilioScope(ctx, emit.scope), emit),
});
