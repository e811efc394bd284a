import type { Context as HonoContext, Hono } from 'hono';
import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { isSid, newSid } from '../../../../core/ids.js';
import { paginateSorted } from '../../../../core/pagination.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toCutPageJson } from '../../common/page.js';
import { int, oneOf, str, toForm } from '../../common/params.js';
import { requireEntity } from '../entities/store.js';
import { verifyError, verifyInvalid } from '../errors.js';
import { parseMetadata } from '../factors/serialize.js';
import { factorsOf } from '../factors/store.js';
import { VERIFY_PATHS } from '../paths.js';
import { requireService } from '../services/routes.js';
import { openChallenge } from './create.js';
import { CHALLENGES_BY_ENTITY, VERIFY_CHALLENGES, VERIFY_NOTIFICATIONS, type Challenge, type Notification } from './model.js';
import { recordPushNotification } from './notify.js';
import { answerPush, answerTotp, expireIfDue } from './respond.js';
import { SIGNATURE_FIELDS, toChallengeJson } from './serialize.js';

/**
 * Challenges: createChallenge, listChallenge, fetchChallenge, updateChallenge, and createNotification.
 * A pending challenge is fetched with `Twilio-Verify-Signature-Fields`, which the mobile SDKs require.
 * @see https://www.twilio.com/docs/verify/api/challenge
 */
export function routeChallenges(app: Hono<TwilioEnv>, ctx: Context): void {
  const challenges = createCollection<Challenge>(ctx.store, VERIFY_CHALLENGES);
  const find = (c: HonoContext<TwilioEnv>, sid: string) => {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid')!);
    const entity = requireEntity(ctx, c.get('accountSid'), service.sid, c.req.param('Identity')!);
    const ch = isSid(sid, 'verifyChallenge') ? challenges.get(c.get('accountSid'), sid) : undefined;
    if (!ch || ch.entitySid !== entity.sid) throw verifyError(404, 60391, `Challenge ${sid} not found`);
    return expireIfDue(ctx, ch);
  };
  const reply = (c: HonoContext<TwilioEnv>, ch: Challenge, status: 200 | 201 = 200) => {
    if (ch.status === 'pending') c.header('Twilio-Verify-Signature-Fields', SIGNATURE_FIELDS.join(','));
    return c.json(toChallengeJson(ch, publicOrigin(c)), status);
  };

  app.post(VERIFY_PATHS.challenges, async function createChallenge(c) {
    const form = await readForm(c);
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const row = openChallenge(ctx, c.get('accountSid'), service, c.req.param('Identity'), form);
    await ctx.store.commit();
    return reply(c, row, 201);
  });

  app.get(VERIFY_PATHS.challenges, async function listChallenge(c) {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const entity = requireEntity(ctx, c.get('accountSid'), service.sid, c.req.param('Identity'));
    const q = toForm(new URL(c.req.url).search.slice(1));
    const factorSid = str(q, 'FactorSid');
    const status = oneOf(q, 'Status', ['pending', 'expired', 'approved', 'denied'] as const);
    const order = oneOf(q, 'Order', ['asc', 'desc'] as const) ?? 'asc';
    // The entity's challenges in creation order, read either way by sequence: only the rows a page walks are
    // looked at, and expired (when due) before they are filtered by status or shown.
    const rows = challenges.by(c.get('accountSid'), CHALLENGES_BY_ENTITY, entity.sid);
    const where = (x: Challenge) => (factorSid === undefined || x.factorSid === factorSid) && (status === undefined || expireIfDue(ctx, x).status === status);
    const origin = publicOrigin(c);
    const filters = { FactorSid: factorSid, Status: status, Order: order === 'asc' ? undefined : order };
    const page = toCutPageJson(c, 'challenges', (req) => paginateSorted(rows, req, { keyOf: (x) => x._seq ?? 0, desc: order === 'desc', where }), (x) => toChallengeJson(expireIfDue(ctx, x), origin), filters);
    await ctx.store.commit();
    return c.json(page);
  });

  app.get(VERIFY_PATHS.challenge, async function fetchChallenge(c) {
    const ch = find(c, c.req.param('Sid'));
    await ctx.store.commit();
    return reply(c, ch);
  });

  app.post(VERIFY_PATHS.challenge, async function updateChallenge(c) {
    const form = await readForm(c);
    const ch = find(c, c.req.param('Sid'));
    const factor = factorsOf(ctx).get(c.get('accountSid'), ch.factorSid)!;
    const metadata = parseMetadata(form);
    if (ch.status === 'expired') throw verifyError(403, 60323, `Challenge ${ch.sid} has expired`);
    if (ch.status !== 'pending') throw verifyError(409, 20409, `Challenge ${ch.sid} is already ${ch.status}`);
    const authPayload = str(form, 'AuthPayload');
    if (authPayload === undefined) throw verifyInvalid('AuthPayload', 'is required to answer a challenge');
    let row: Challenge;
    if (ch.factorType === 'totp') row = answerTotp(ctx, ch, factor, authPayload, metadata);
    else row = await answerPush(ctx, ch, factor, authPayload, publicOrigin(c), metadata);
    await ctx.store.commit();
    return reply(c, row);
  });

  app.post(VERIFY_PATHS.notifications, async function createNotification(c) {
    const form = await readForm(c);
    const ch = find(c, c.req.param('ChallengeSid'));
    const ttl = int(form, 'Ttl', { min: 0, max: 300 }) ?? 300;
    const factor = factorsOf(ctx).get(c.get('accountSid'), ch.factorSid)!;
    if (ch.status !== 'pending') throw verifyError(400, 60383, `Challenge ${ch.sid} is ${ch.status}: only a pending challenge can be notified`);
    if (factor.factorType !== 'push' || (factor.config as { notificationPlatform?: string }).notificationPlatform === 'none') {
      throw verifyError(400, 60307, 'Cannot send a notification to a factor with notification platform none');
    }
    recordPushNotification(ctx, factor, ch, ttl);
    const row: Notification = { sid: newSid(ctx.random, 'verifyNotification'), accountSid: ch.accountSid, serviceSid: ch.serviceSid, entitySid: ch.entitySid, identity: ch.identity, challengeSid: ch.sid, priority: 'high', ttl, dateCreated: toIsoSeconds(ctx.clock.now()) };
    // Ttl 0: "try once now, never stored".
    if (ttl > 0) createCollection<Notification>(ctx.store, VERIFY_NOTIFICATIONS).insert(c.get('accountSid'), row);
    await ctx.store.commit();
    const { accountSid: account_sid, serviceSid: service_sid, entitySid: entity_sid, challengeSid: challenge_sid, dateCreated: date_created, sid, identity, priority } = row;
    return c.json({ sid, account_sid, service_sid, entity_sid, identity, challenge_sid, priority, ttl, date_created }, 201);
  });
}
