import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Context } from '../core/context.js';
import { filterFromQuery } from '../delivery/filter.js';
import { deliveryMatches } from '../delivery/journal.js';
import type { Provider } from '../providers/provider.js';
import { toDeliveryRow } from './rows.js';

/** A comment line this often keeps proxies and idle timeouts from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * `GET /_hookyard/stream`: Server-Sent Events, one `delivery` event per delivery added or changed (an
 * attempt finished), filtered like `GET /_hookyard/deliveries`. `?view=records` sends whole records
 * (what `hookyard deliveries --follow --json` prints); the default sends the inspector's list rows.
 */
export function routeStream(app: Hono, ctx: Context, providers: readonly Provider[]): void {
  app.get('/stream', (c) => {
    const { view, ...query } = c.req.queries();
    const matches = deliveryMatches(filterFromQuery(query, providers.map((p) => p.name)));
    const whole = view?.at(-1) === 'records';
    return streamSSE(c, async (stream) => {
      const queue: string[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = ctx.journal.subscribe((record) => {
        if (!matches(record)) return;
        queue.push(JSON.stringify(whole ? record : toDeliveryRow(record)));
        wake?.();
      });
      // Real time, not hookyard's clock: a frozen (manual) clock must not silence the heartbeat.
      const beat = setInterval(() => {
        queue.push('');
        wake?.();
      }, HEARTBEAT_MS);
      beat.unref();
      stream.onAbort(() => {
        unsubscribe();
        clearInterval(beat);
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted) {
        if (queue.length === 0) await new Promise<void>((r) => (wake = r));
        wake = undefined;
        for (const data of queue.splice(0)) {
          if (data === '') await stream.write(': heartbeat\n\n');
          else await stream.writeSSE({ event: 'delivery', data });
        }
      }
    });
  });
}
