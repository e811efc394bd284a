import type { Hono, Context as HonoContext } from 'hono';
import type { Context } from '../core/context.js';
import type { HookyardEvent } from '../events/event.js';
import type { Matcher } from '../events/emitter.js';

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

/** One emulated API: its routes, the hosts it answers for, the events it can emit and who receives them. */
export interface Provider {
  name: string;
  /** For the start-up banner: a title and the entry path of the API. */
  title: string;
  entryPath: string;
  hosts: readonly string[];
  eventTypes: readonly string[];
  routes(ctx: Context): Hono<any>;
  /** For a path under this provider that no route matched: a 404 in the provider's own error shape. */
  notFound?(c: HonoContext): Response | undefined;
  matcher(ctx: Context): Matcher;
  buildEvent(ctx: Context, emit: EmitInput): Promise<HookyardEvent>;
}

export const defineProvider = (p: Provider): Provider => p;
