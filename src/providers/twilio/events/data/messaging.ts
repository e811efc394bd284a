import { lastSegment, phone, sid, type Generator } from './generator.js';

const FAILURES = [30003, 30005, 30006, 30007, 30008];

/** Messaging.MessageStatus (camelCase; `messageStatus` upper case). */
export const messageStatus: Generator = (g) => {
  const messageSid = sid(g, 'message');
  const status = lastSegment(g.type).toUpperCase();
  const failed = status === 'FAILED' || status === 'UNDELIVERED';
  return {
    source: `/2010-04-01/Accounts/${g.accountSid}/Messages/${messageSid}.json`,
    payload: {
      messageSid,
      timestamp: g.now.toISOString(),
      accountSid: g.accountSid,
      eventName: g.type,
      apiVersion: '2010-04-01',
      from: phone(g),
      to: phone(g),
      messageStatus: status,
      messagingServiceSid: sid(g, 'messagingService'),
      ...(failed ? { errorCode: g.faker.helpers.arrayElement(FAILURES) } : {}),
      body: g.faker.lorem.sentence(),
      numberOfSegments: 1,
      mcc: '310',
      mnc: g.faker.helpers.arrayElement(['260', '410', '120']),
      dateUpdated: g.now.toISOString(),
      tags: {},
    },
  };
};

/** Messaging.InboundMessageV1. */
export const inboundMessage: Generator = (g) => {
  const messageSid = sid(g, 'message');
  return {
    source: `/2010-04-01/Accounts/${g.accountSid}/Messages/${messageSid}.json`,
    payload: {
      numMedia: 0,
      timestamp: g.now.toISOString(),
      accountSid: g.accountSid,
      to: phone(g),
      numSegments: 1,
      messageSid,
      eventName: g.type,
      body: g.faker.helpers.arrayElement(['Hi! Is my order on its way?', 'STOP', 'Yes, 3pm works for me', g.faker.lorem.sentence()]),
      from: phone(g),
    },
  };
};
