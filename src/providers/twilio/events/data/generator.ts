import type { Faker } from '@faker-js/faker';
import { newSid, type SidKind } from '../../../../core/ids.js';
import type { Random } from '../../../../core/random.js';

export interface GenInput {
  faker: Faker;
  random: Random;
  accountSid: string;
  /** The full event type, e.g. `com.twilio.messaging.message.delivered`. */
  type: string;
  now: Date;
}

/** Builds one event's CloudEvent `source` and its schema's `data`, in that schema's own casing. */
export type Generator = (g: GenInput) => { source: string; payload: Record<string, unknown> };

export const sid = (g: GenInput, kind: SidKind) => newSid(g.random, kind);
export const phone = (g: GenInput) => g.faker.phone.number({ style: 'international' });
/** The last dotted segment of the type: `…message.delivered` → `delivered`. */
export const lastSegment = (type: string) => type.slice(type.lastIndexOf('.') + 1);
export const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** RFC 2822, as the 2010-04-01 API writes dates: `Thu, 23 Jul 2020 22:56:33 +0000`. */
export const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');
