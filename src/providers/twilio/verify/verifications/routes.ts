import type { Hono } from 'hono';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { isSid } from '../../../../core/ids.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { str } from '../../common/params.js';
import { verifyInvalid, verifyNotFound } from '../errors.js';
import { VERIFY_PATHS } from '../paths.js';
import { requireService } from '../services/routes.js';
import { checkVerification } from './check.js';
import { endVerification, expireIfDue } from './lifecycle.js';
import { VERIFY_VERIFICATIONS, type Verification } from './model.js';
import { pendingFor, startVerification } from './send.js';
import { parseCreateParams, toVerificationJson } from './serialize.js';

/**
 * Verifications and checks: createVerification, fetchVerification, updateVerification,
 * createVerificationCheck. Only pending verifications can be read: Twilio deletes the others, so
 * they answer 20404 (hookyard keeps them for the Attempts API and Event Streams).
 * @see https://www.twilio.com/docs/verify/api/verification
 */
export function routeVerifications(app: Hono<TwilioEnv>, ctx: Context): void {
  const verifications = createCollection<Verification>(ctx.store, VERIFY_VERIFICATIONS);
  /** `{Sid}` is a VE SID, or the verification's `To` (a phone number or email), as Twilio allows. */
  const requirePending = (accountSid: string, serviceSid: string, id: string) => {
    const service = requireService(ctx, accountSid, serviceSid);
    const bySid = isSid(id, 'verification') ? verifications.get(accountSid, id) : undefined;
    const v = bySid ? expireIfDue(ctx, bySid) : pendingFor(ctx, accountSid, service.sid, id.replace(/^ /, '+'));
    if (!v || v.serviceSid !== service.sid || v.status !== 'pending') throw verifyNotFound(`/Services/${serviceSid}/Verifications/${id}`);
    return v;
  };

  app.post(VERIFY_PATHS.verifications, async function createVerification(c) {
    const form = await readForm(c);
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const p = parseCreateParams(form);
    const v = await startVerification(ctx, c.get('accountSid'), service, p, publicOrigin(c));
    await ctx.store.commit();
    return c.json(toVerificationJson(v, publicOrigin(c)), 201);
  });

  // A read may end a verification whose time is up; that change is stored even when the answer is a 404.
  const committing = async <T>(fn: () => T): Promise<T> => {
    try {
      return fn();
    } finally {
      await ctx.store.commit();
    }
  };

  app.get(VERIFY_PATHS.verification, async function fetchVerification(c) {
    const v = await committing(() => requirePending(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Sid')));
    return c.json(toVerificationJson(v, publicOrigin(c)));
  });

  app.post(VERIFY_PATHS.verification, async function updateVerification(c) {
    const status = str(await readForm(c), 'Status');
    if (status !== 'canceled' && status !== 'approved') throw verifyInvalid('Status', 'must be canceled or approved');
    const row = await committing(() => endVerification(ctx, requirePending(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Sid')), status));
    return c.json(toVerificationJson(row, publicOrigin(c)));
  });

  app.post(VERIFY_PATHS.verificationCheck, async function createVerificationCheck(c) {
    const form = await readForm(c);
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    return c.json(await committing(() => checkVerification(ctx, c.get('accountSid'), service, form)), 200);
  });
}
