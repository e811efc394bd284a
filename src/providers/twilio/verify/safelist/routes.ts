import type { Hono } from 'hono';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { newSid } from '../../../../core/ids.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { str } from '../../common/params.js';
import { verifyError, verifyInvalid, verifyNotFound } from '../errors.js';
import { VERIFY_PATHS } from '../paths.js';
import { SAFELIST_BY_PHONE, VERIFY_SAFELIST, type SafelistEntry } from './model.js';

const E164 = /^\+[1-9]\d{1,14}$/;

/** Model → `verify.v2.safelist` JSON; the URL keeps the literal `+`, as Twilio's examples do. */
const toSafelistJson = (e: SafelistEntry, origin: string) => ({ sid: e.sid, phone_number: e.phoneNumber, url: `${origin}/v2/SafeList/Numbers/${e.phoneNumber}` });

/** Whether a number is on the account's SafeList. */
export function isSafelisted(ctx: Context, accountSid: string, phoneNumber: string): boolean {
  return createCollection<SafelistEntry>(ctx.store, VERIFY_SAFELIST).by(accountSid, SAFELIST_BY_PHONE, phoneNumber).length > 0;
}

/**
 * The SafeList: createSafelist, fetchSafelist, deleteSafelist, addressed by the E.164 number. Adding a
 * listed number again is 400 / 60411, as Twilio documents.
 * @see https://www.twilio.com/docs/verify/api/safelist
 */
export function routeSafelist(app: Hono<TwilioEnv>, ctx: Context): void {
  const entries = createCollection<SafelistEntry>(ctx.store, VERIFY_SAFELIST);
  const find = (accountSid: string, phone: string) => entries.by(accountSid, SAFELIST_BY_PHONE, phone)[0];
  // A `+` in a path may arrive as a space when a client form-encodes it.
  const pathNumber = (raw: string) => raw.replace(/^ /, '+');
  const requireEntry = (accountSid: string, raw: string) => {
    const e = find(accountSid, pathNumber(raw));
    if (!e) throw verifyNotFound(`/SafeList/Numbers/${pathNumber(raw)}`);
    return e;
  };

  app.post(VERIFY_PATHS.safelist, async function createSafelist(c) {
    const phoneNumber = str(await readForm(c), 'PhoneNumber', { required: true })!;
    if (!E164.test(phoneNumber)) throw verifyInvalid('PhoneNumber', `${phoneNumber} is not an E.164 phone number`);
    if (find(c.get('accountSid'), phoneNumber)) throw verifyError(400, 60411, `Phone number ${phoneNumber} is already on the SafeList`, 'PhoneNumber');
    const row = entries.insert(c.get('accountSid'), { sid: newSid(ctx.random, 'verifySafelist'), phoneNumber });
    await ctx.store.commit();
    return c.json(toSafelistJson(row, publicOrigin(c)), 201);
  });

  app.get(VERIFY_PATHS.safelistNumber, function fetchSafelist(c) {
    return c.json(toSafelistJson(requireEntry(c.get('accountSid'), c.req.param('PhoneNumber')), publicOrigin(c)));
  });

  app.delete(VERIFY_PATHS.safelistNumber, async function deleteSafelist(c) {
    entries.remove(c.get('accountSid'), requireEntry(c.get('accountSid'), c.req.param('PhoneNumber')).sid);
    await ctx.store.commit();
    return c.body(null, 204);
  });
}
