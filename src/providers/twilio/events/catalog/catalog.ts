import data from './catalog.json' with { type: 'json' };

export interface EventTypeEntry {
  type: string;
  schemaId: string;
  description: string;
  status: string;
  /** False when the schema id comes from a third-party catalogue rather than Twilio's own pages. */
  confirmed: boolean;
}

export interface SchemaVersionEntry {
  version: number;
  dateCreated: string;
}

/**
 * The Event Streams catalogue: every event type hookyard serves at `/v1/Types`, its schema and versions
 * (`/v1/Schemas`), and — the same list — what the generators can produce.
 * @see https://www.twilio.com/docs/events/event-types
 */
export const EVENT_TYPES: readonly EventTypeEntry[] = data.types;
/** Schema id → versions. A Map, so an id such as `__proto__` or `toString` is simply not there. */
export const SCHEMAS: ReadonlyMap<string, readonly SchemaVersionEntry[]> = new Map(Object.entries(data.schemas));
export const TEST_EVENT_TYPE = 'com.twilio.eventstreams.test-event';

const byType = new Map(EVENT_TYPES.map((t) => [t.type, t]));

export const findEventType = (type: string): EventTypeEntry | undefined => byType.get(type);

export function latestVersion(schemaId: string): number {
  return SCHEMAS.get(schemaId)!.at(-1)!.version;
}

export const hasVersion = (schemaId: string, version: number): boolean => SCHEMAS.get(schemaId)?.some((v) => v.version === version) ?? false;

/** The JSON Schema document a CloudEvent's `dataschema` points at. */
export const dataschemaUrl = (schemaId: string, version: number): string =>
  // The test event's schema URL ends in `.json`; the others do not (as Twilio sends them).
  `https://events-schemas.twilio.com/${schemaId}/${version}${schemaId === 'EventStreams.TestSink' ? '.json' : ''}`;
