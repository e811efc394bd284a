import twilio from 'twilio';
import { expect } from 'vitest';
import type { Hookyard } from '../../src/index.js';

/** The real `twilio` SDK, unchanged but for where it points. */
export const sdk = (hook: Hookyard, sid = hook.accountSid, token = hook.authToken) => twilio(sid, token, { httpClient: hook.twilioHttpClient() });

/** Awaits a failing SDK call and checks Twilio's error shape as twilio-node's RestException exposes it. */
export async function expectTwilioError(p: Promise<unknown>, status: number, code: number, message?: RegExp): Promise<void> {
  const err = (await p.then(
    () => expect.fail('expected the SDK call to fail'),
    (e: unknown) => e,
  )) as { status: number; code: number; message: string; moreInfo: string };
  expect(err.status).toBe(status);
  expect(err.code).toBe(code);
  expect(err.moreInfo).toBe(`https://www.twilio.com/docs/errors/${code}`);
  if (message) expect(err.message).toMatch(message);
}
