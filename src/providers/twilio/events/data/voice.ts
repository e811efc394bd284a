import { isoSeconds, lastSegment, phone, rfc2822, sid, type Generator, type GenInput } from './generator.js';

/** Voice.WebhookEvent: the status callback Twilio would have sent, with request and response. */
export const voiceWebhookEvent: Generator = (g) => {
  const callSid = sid(g, 'call');
  const status = lastSegment(g.type);
  return {
    source: `/2010-04-01/Accounts/${g.accountSid}/Calls/${callSid}.json`,
    payload: {
      sid: callSid,
      requestDateCreated: rfc2822(g.now),
      timestamp: g.now.toISOString(),
      eventSid: sid(g, 'voiceWebhookEvent'),
      request: {
        method: 'POST',
        url: `https://${g.faker.internet.domainName()}/voice/status`,
        parameters: {
          CallSid: callSid,
          AccountSid: g.accountSid,
          From: phone(g),
          To: phone(g),
          CallStatus: status === 'answered' ? 'in-progress' : status,
          Direction: 'outbound-api',
          ApiVersion: '2010-04-01',
          CallbackSource: 'call-progress-events',
          SequenceNumber: String(['initiated', 'ringing', 'answered', 'completed'].indexOf(status)),
          Timestamp: rfc2822(g.now),
          ...(status === 'completed' ? { CallDuration: String(g.faker.number.int({ min: 5, max: 900 })) } : {}),
        },
      },
      response: { responseCode: 200, requestDuration: g.faker.number.int({ min: 20, max: 400 }), contentType: 'text/html', responseBody: '', dateCreated: rfc2822(g.now) },
    },
  };
};

const edgeMetadata = (g: GenInput) => ({
  region: g.faker.helpers.arrayElement(['us1', 'ie1', 'au1']),
  twilio_ip: g.faker.internet.ipv4(),
  external_ip: g.faker.internet.ipv4(),
  edge_location: g.faker.helpers.arrayElement(['ashburn', 'dublin', 'sydney', 'umatilla']),
});

/** VoiceInsights.CallEvent (snake_case): a gateway (carrier) or SDK event of one call. */
export const callEvent: Generator = (g) => {
  const callSid = sid(g, 'call');
  const gateway = lastSegment(g.type) === 'gateway';
  return {
    source: `/v1/Voice/${callSid}/Events`,
    payload: {
      timestamp: g.now.toISOString(),
      call_sid: callSid,
      account_sid: g.accountSid,
      edge: gateway ? 'carrier_edge' : 'sdk_edge',
      group: gateway ? 'call_progress' : 'connection',
      level: 'INFO',
      name: g.faker.helpers.arrayElement(gateway ? ['initiated', 'ringing', 'answered', 'completed'] : ['outgoing', 'accepted', 'disconnect']),
      ...(gateway
        ? { carrier_edge: { metadata: edgeMetadata(g) } }
        : { sdk_edge: { metadata: { client_name: `client:${g.faker.internet.username()}`, ...edgeMetadata(g) } } }),
    },
  };
};

const party = (g: GenInput, client: boolean) => ({
  caller: client ? '' : phone(g),
  callee: client ? `client:${g.faker.internet.username()}` : '',
  carrier: client ? '' : g.faker.helpers.arrayElement(['Verizon', 'AT&T Wireless', 'T-Mobile USA, Inc.']),
  connection: client ? 'twilio_sdk' : g.faker.helpers.arrayElement(['mobile', 'landline']),
  number_prefix: client ? '' : '1' + g.faker.string.numeric(3),
  location: client ? null : { lat: g.faker.location.latitude(), lon: g.faker.location.longitude() },
  city: client ? '' : g.faker.location.city(),
  country_code: client ? '' : 'US',
  country_subdivision: client ? '' : g.faker.location.state({ abbreviated: true }),
  ip_address: '',
  sdk: null,
});

/** VoiceInsights.CallSummary, shaped like the Voice Insights summary in Twilio's Event Streams quickstart. */
export const callSummary: Generator = (g) => {
  const callSid = sid(g, 'call');
  const duration = g.faker.number.int({ min: 0, max: 600 });
  const start = new Date(g.now.getTime() - duration * 1000 - 5000);
  const state = duration === 0 ? g.faker.helpers.arrayElement(['canceled', 'noanswer', 'busy']) : 'completed';
  return {
    source: `/v1/Voice/${callSid}/Summary`,
    payload: {
      call_sid: callSid,
      account_sid: g.accountSid,
      parent_call_sid: '',
      parent_account_sid: '',
      start_time: isoSeconds(start),
      end_time: isoSeconds(g.now),
      duration,
      connect_duration: Math.max(0, duration - 3),
      call_type: 'client',
      call_state: state,
      from: party(g, false),
      to: party(g, true),
      processing_state: lastSegment(g.type) === 'complete' ? 'complete' : 'partial',
      processing_version: 1,
      sip_edge: null,
      carrier_edge: null,
      sdk_edge: null,
      client_edge: null,
      tags: [],
      attributes: null,
      properties: {
        q850_cause: duration === 0 ? 0 : 16,
        last_sip_response_num: duration === 0 ? 487 : 200,
        pdd_ms: g.faker.number.int({ min: 80, max: 2500 }),
        route_id: '',
        media_region: 'us1',
        signaling_region: 'us1',
        twilio_media_ip: g.faker.internet.ipv4(),
        twilio_signaling_ip: g.faker.internet.ipv4(),
        external_media_ip: '',
        external_signaling_ip: '',
        sip_call_id: g.faker.string.uuid(),
        user_agent: '',
        selected_region: 'us1',
        region: 'us1',
        trunk_sid: '',
        disconnected_by: g.faker.helpers.arrayElement(['caller', 'callee']),
        direction: 'outbound_api',
        settings: null,
      },
    },
  };
};
