import type { Hono } from 'hono';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { publicOrigin } from '../../../hosts.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { oneOf, str, toForm, type Form } from '../../common/params.js';
import { requireRow } from '../../common/resource.js';
import { verifyInvalid } from '../errors.js';
import { VERIFY_PATHS } from '../paths.js';
import { VERIFY_ATTEMPTS, type VerificationAttempt } from './model.js';
import { conversionRate, toAttemptJson } from './serialize.js';

const CHANNELS = ['sms', 'call', 'email', 'whatsapp', 'rbm'] as const;

const time = (q: Form, name: string): number | undefined => {
  const v = str(q, name);
  if (v === undefined) return undefined;
  const t = /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(t)) throw verifyInvalid(name, `'${v}' is not a date-time such as 2026-01-01T00:00:00Z`);
  return t;
};

/** The filters both the list and the summary take; each one left out matches everything. */
function readFilters(q: Form, summary: boolean) {
  const after = time(q, 'DateCreatedAfter');
  const before = time(q, 'DateCreatedBefore');
  const country = str(q, 'Country')?.toUpperCase();
  const channel = oneOf(q, 'Channel', CHANNELS);
  const service = str(q, 'VerifyServiceSid');
  const verification = summary ? undefined : str(q, 'VerificationSid');
  const to = summary ? undefined : str(q, 'ChannelData.To');
  const prefix = summary ? str(q, 'DestinationPrefix') : undefined;
  const statusText = summary ? undefined : str(q, 'Status')?.toLowerCase();
  if (statusText !== undefined && statusText !== 'converted' && statusText !== 'unconverted') throw verifyInvalid('Status', 'must be converted or unconverted');
  return (a: VerificationAttempt) =>
    (after === undefined || Date.parse(a.dateCreated) >= after) &&
    (before === undefined || Date.parse(a.dateCreated) <= before) &&
    (country === undefined || a.country === country) &&
    (channel === undefined || a.channel === channel) &&
    (service === undefined || a.serviceSid === service) &&
    (verification === undefined || a.verificationSid === verification) &&
    (to === undefined || a.to === to) &&
    (prefix === undefined || a.to.startsWith(prefix)) &&
    (statusText === undefined || a.conversionStatus === statusText);
}

const query = (url: string) => toForm(new URL(url).search.slice(1));

/**
 * Verification Attempts (account level): listVerificationAttempt (in the order they were made), fetchVerificationAttempt,
 * fetchVerificationAttemptsSummary. One attempt per send; all of a verification's attempts are
 * `converted` once it is approved.
 * @see https://www.twilio.com/docs/verify/api/list-verification-attempts
 */
export function routeAttempts(app: Hono<TwilioEnv>, ctx: Context): void {
  const attempts = createCollection<VerificationAttempt>(ctx.store, VERIFY_ATTEMPTS);

  app.get(VERIFY_PATHS.attemptsSummary, function fetchVerificationAttemptsSummary(c) {
    const rows = attempts.list(c.get('accountSid'), readFilters(query(c.req.url), true));
    const converted = rows.filter((a) => a.conversionStatus === 'converted').length;
    return c.json({
      total_attempts: rows.length,
      total_converted: converted,
      total_unconverted: rows.length - converted,
      conversion_rate_percentage: conversionRate(converted, rows.length),
      url: `${publicOrigin(c)}/v2/Attempts/Summary`,
    });
  });

  app.get(VERIFY_PATHS.attempts, function listVerificationAttempt(c) {
    const q = query(c.req.url);
    const rows = attempts.list(c.get('accountSid'));
    const filters = Object.fromEntries(['DateCreatedAfter', 'DateCreatedBefore', 'ChannelData.To', 'Country', 'Channel', 'VerifyServiceSid', 'VerificationSid', 'Status'].map((k) => [k, str(q, k)]));
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, 'attempts', rows, (a) => toAttemptJson(a, origin), filters, undefined, readFilters(q, false)));
  });

  app.get(VERIFY_PATHS.attempt, function fetchVerificationAttempt(c) {
    const sid = c.req.param('Sid');
    return c.json(toAttemptJson(requireRow(attempts, c.get('accountSid'), sid, 'verificationAttempt', `/Attempts/${sid}`), publicOrigin(c)));
  });
}
