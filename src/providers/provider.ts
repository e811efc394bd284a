import type { Hono, Context as HonoContext } from 'hono';
import type { Context } from '../core/context.js';
import type { HookyardError } from '../core/errors.js';
import type { HookyardEvent } from '../events/event.js';
import type { Matcher } from '../events/emitter.js';
import type { DeliverySigner } from './signer.js';

/** What `POST /_hookyard/events` and `hook.emit()` pass to a provider to build an event. */
export interface EmitInput {
  type: string;
  /** AccountSid / projectId; the provider's default account when absent. */
  scope?: string | undefined;
  /** Provider-specific pointers to existing resources, e.g. `{ serviceSid }`. */
  input: Record<string, unknown>;
  /** Overrides merged over the generated event data (camelCase or the wire's snake_case). */
  data: Record<string, unknown>;
}

/** How the catalogue shows one event type. */
export interface EventDescription {
  /** The name users type: `verify.factor.created`, `sync.document_updated`, `com.twilio.…`, `sinch.whatsapp_template_approved`. */
  name: string;
  description: string;
  /** What the event needs to exist first, e.g. `serviceSid (a Verify Service with a webhook)`. */
  requires: string[];
}

/** hookyard's own API, as `--setup` and scenarios call it (in-process or over HTTP). */
export interface HookyardApi {
  request(method: string, path: string, body?: { form?: Record<string, string | string[]>; json?: unknown }, auth?: 'twilio' | 'sinch'): Promise<{ status: number; json: any }>;
  /** The Sinch project the API's Sinch credentials act on. */
  sinchProjectId: string;
}

/** What `--setup` made so that an event has somewhere to go. */
export interface SetupResult {
  /** Pointers to pass with the event, e.g. `{ serviceSid }`. */
  input: Record<string, unknown>;
  /** One line per resource created, for the user. */
  created: string[];
}

/** One emulated API: its routes, the hosts it answers for, the events it can emit and who receives them. */
export interface Provider {
  name: string;
  /** For the start-up banner: a title and the entry path of the API. */
  title: string;
  entryPath: string;
  hosts: readonly string[];
  eventTypes: readonly string[];
  /** `METHOD /path/{Param}` → the vendor's operationId, naming calls in the request journal. */
  operations: Readonly<Record<string, string>>;
  routes(ctx: Context): Hono<any>;
  /** For a path under this provider that no route matched: a 404 in the provider's own error shape. */
  notFound?(c: HonoContext): Response | undefined;
  /** For a refusal before routing (host, origin, size) on a path this provider owns: its error shape. */
  renderError?(c: HonoContext, err: HookyardError): Response | undefined;
  matcher(ctx: Context): Matcher;
  /** How its deliveries are signed: the inspector's verdict, and a replay with an edited body. */
  signer: DeliverySigner;
  /** Its tables in the store start with this (`verify.`): browsing, exporting and importing the fake state. */
  tablePrefix: string;
  /** After the whole state was replaced (import, snapshot restore): re-arm or drop timers tied to rows. */
  restored?(ctx: Context): void;
  /** hookyard's own routes for this API, mounted under `/_hookyard` (e.g. `/_hookyard/verify/codes`). */
  admin?(ctx: Context): Hono;
  describe(type: string): EventDescription;
  /** Why an event reached no one, in the user's terms ("no webhook of service VA… subscribes to factor.created"). */
  whyNoDelivery?(ctx: Context, event: HookyardEvent): string;
  /** Creates, through hookyard's own API, what an event of this type needs to reach `webhookUrl`. */
  setup(api: HookyardApi, type: string, webhookUrl: string, options?: { secret?: string | undefined }): Promise<SetupResult>;
  buildEvent(ctx: Context, emit: EmitInput): Promise<HookyardEvent>;
}

export const defineProvider = (p: Provider): Provider => p;
