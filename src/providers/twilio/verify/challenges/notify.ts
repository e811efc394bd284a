import type { Context } from '../../../../core/context.js';
import type { Factor, PushConfig } from '../factors/model.js';
import type { Challenge } from './model.js';

/**
 * The push notification Twilio would send the factor's device (APNs or FCM) for a challenge. hookyard
 * sends none: it is journaled as `not_delivered` with reason `push notification`, target `apn:…` or
 * `fcm:…` (the device token), and the data payload the mobile SDKs read
 * (`type=verify_push_challenge`, `factor_sid`, `challenge_sid`, `message`).
 */
export function recordPushNotification(ctx: Context, factor: Factor, ch: Challenge, ttl: number): void {
  const c = factor.config as PushConfig;
  if (factor.factorType !== 'push' || c.notificationPlatform === 'none') return;
  const url = `${c.notificationPlatform}:${c.notificationToken}`;
  const data = { type: 'verify_push_challenge', factor_sid: factor.sid, challenge_sid: ch.sid, message: ch.details?.message ?? '' };
  const body = JSON.stringify(c.notificationPlatform === 'fcm' ? { to: c.notificationToken, priority: 'high', time_to_live: ttl, data } : { aps: { alert: data.message, 'content-available': 1 }, ...data });
  const event = { id: ctx.newEventId(), provider: 'twilio.verify', type: 'push.notification', scope: factor.accountSid, occurredAt: ctx.clock.now().toISOString(), data: { ...data } };
  ctx.delivery.deliver({
    target: { kind: 'verify.push', id: factor.sid, url },
    events: [event],
    request: { url, method: 'POST', headers: { 'content-type': 'application/json' }, body },
    notDelivered: 'push notification: hookyard records what APNs/FCM would carry to the device and sends nothing',
  });
}
