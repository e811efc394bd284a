import { HookyardError, invalidParam } from '../../../../core/errors.js';
import { isHttpUrl } from '../../../../core/url.js';
import type { Sink, SinkType } from './model.js';

/** Twilio's "Sink could not be created" error; hookyard answers it with 400 (the status is unconfirmed). */
const sinkError = (message: string) => new HookyardError('invalid_param', `Sink could not be created: ${message}`, { param: 'SinkConfiguration', code: 91000 });

const REQUIRED_KEYS: Record<SinkType, readonly string[]> = {
  webhook: ['destination', 'method', 'batch_events'],
  kinesis: ['arn', 'role_arn', 'external_id'],
  segment: ['write_key'],
  // Twilio documents no configuration keys for email sinks; any object is accepted.
  email: [],
};

/**
 * Parses and checks `SinkConfiguration` (JSON text) for its sink type; every error names the key.
 * @see https://www.twilio.com/docs/events/sink-resource
 */
export function parseSinkConfiguration(text: string, sinkType: SinkType): Record<string, unknown> {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    throw sinkError(`SinkConfiguration is not valid JSON: ${text.slice(0, 80)}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw sinkError('SinkConfiguration must be a JSON object');
  const c = config as Record<string, unknown>;
  for (const key of REQUIRED_KEYS[sinkType]) {
    if (c[key] === undefined || c[key] === null || c[key] === '') throw sinkError(`SinkConfiguration.${key} is required for ${sinkType} sinks`);
  }
  if (sinkType === 'webhook') {
    if (typeof c['destination'] !== 'string' || !isHttpUrl(c['destination'])) throw sinkError('SinkConfiguration.destination must be an absolute http(s) URL');
    if (typeof c['method'] !== 'string' || !['POST', 'GET'].includes(c['method'].toUpperCase())) throw sinkError('SinkConfiguration.method must be POST or GET');
    if (typeof c['batch_events'] !== 'boolean') throw sinkError('SinkConfiguration.batch_events must be true or false');
  } else {
    const notString = REQUIRED_KEYS[sinkType].find((k) => typeof c[k] !== 'string');
    if (notString) throw sinkError(`SinkConfiguration.${notString} must be a string`);
  }
  return c;
}

export function parseSinkType(value: string): SinkType {
  if (!(['webhook', 'kinesis', 'segment', 'email'] as const).includes(value as SinkType)) {
    throw invalidParam('SinkType', `Invalid parameter SinkType: '${value}' is not one of webhook, kinesis, segment, email`);
  }
  return value as SinkType;
}

/** Model → `events.v1.sink` JSON. Sinks carry no `account_sid`. */
export function toSinkJson(s: Sink, origin: string) {
  const url = `${origin}/v1/Sinks/${s.sid}`;
  return {
    date_created: s.dateCreated,
    date_updated: s.dateUpdated,
    description: s.description,
    sid: s.sid,
    sink_configuration: s.sinkConfiguration,
    sink_type: s.sinkType,
    status: s.status,
    url,
    links: { sink_test: `${url}/Test`, sink_validate: `${url}/Validate` },
  };
}
