import { createDeliveryEngine, type DeliveryEngine, type DeliveryOptions, type PendingRetry, type PendingStore } from '../delivery/engine.js';
import { createCollection } from './collection.js';
import { createJournal, type Journal } from '../delivery/journal.js';
import { createRequestJournal, type RequestJournal } from '../requests/journal.js';
import { createPublicUrls, type PublicUrlRule, type PublicUrls } from '../delivery/public-url.js';
import { loadHttpClient } from '../delivery/http-client.js';
import { createEmitter, type Emitter } from '../events/emitter.js';
import { createScheduler, type Scheduler } from '../scenarios/scheduler.js';
import type { Store } from '../store/store.js';
import { createControlledClock, createManualClock, systemClock, type Clock, type ControlledClock } from './clock.js';
import { newSid } from './ids.js';
import { createLogger, type Logger } from './log.js';
import { createRandom, type Random } from './random.js';

export interface TwilioConfig {
  /** AccountSid → AuthToken. The first is the default account. */
  accounts: Map<string, string>;
}

export interface SinchConfig {
  /** projectId → the access key that may act on it. The first is the default project. */
  projects: Map<string, { keyId: string; keySecret: string }>;
}

/**
 * Everything a handler may touch, passed in explicitly — never a module singleton — so two hookyards
 * can run in one process (one per test file) without sharing state.
 */
export interface Context {
  store: Store;
  /** hookyard's one clock: expiries, TTLs, retries, schedules, debouncing and token `exp` all read it. */
  clock: ControlledClock;
  random: Random;
  log: Logger;
  twilio: TwilioConfig;
  sinch: SinchConfig;
  journal: Journal;
  /** Every call to the fake APIs, bounded like the delivery journal. */
  requests: RequestJournal;
  /** Local → public origins: deliveries are signed over the URL the app believes it has. */
  publicUrls: PublicUrls;
  delivery: DeliveryEngine;
  emitter: Emitter;
  scheduler: Scheduler;
  newEventId(): string;
}

export interface ContextOptions {
  store: Store;
  /** The underlying time source; the system clock when absent. */
  clock?: Clock | undefined;
  /** `manual` freezes time until moved (`POST /_hookyard/clock`); default: manual for a ManualClock, else real. */
  clockMode?: 'real' | 'manual' | undefined;
  seed?: string | number | undefined;
  log?: Logger | undefined;
  twilio: TwilioConfig;
  sinch: SinchConfig;
  journalLimit?: number | undefined;
  publicUrls?: readonly PublicUrlRule[] | undefined;
  delivery?: DeliveryOptions | undefined;
}

export function createContext(options: ContextOptions): Context {
  const mode = options.clockMode ?? (options.clock && 'advance' in options.clock ? 'manual' : 'real');
  // A frozen start for `--clock manual` without a clock of the caller's: now, then only when moved.
  const clock = createControlledClock(options.clock ?? (mode === 'manual' ? createManualClock(new Date()) : systemClock), mode);
  const random = createRandom(options.seed);
  if (options.seed !== undefined) {
    // With --db, a seeded stream continues where the stored data left it, so a restart never re-mints a SID.
    const stood = options.store.data.meta?.['random'];
    if (typeof stood === 'number') random.skipTo(stood);
    options.store.track('random', () => random.position());
  }
  const log = options.log ?? createLogger('info');
  const journal = createJournal(options.journalLimit);
  const delivery = createDeliveryEngine({ journal, clock, random, log, options: { ...options.delivery, pending: pendingRetries(options.store, log) } });
  return {
    store: options.store,
    clock,
    random,
    log,
    twilio: options.twilio,
    sinch: options.sinch,
    journal,
    requests: createRequestJournal(options.journalLimit),
    publicUrls: createPublicUrls(options.publicUrls),
    delivery,
    emitter: createEmitter(delivery),
    scheduler: createScheduler({ clock, random, log, warm: loadHttpClient }),
    newEventId: () => newSid(random, 'event'),
  };
}

/**
 * Retries waiting for their moment, kept in the store (so with --db they survive a restart). Saved in the
 * background: a retry is best effort by nature, and delivering must never wait on the disk.
 */
function pendingRetries(store: Store, log: Logger): PendingStore {
  const rows = createCollection<PendingRetry>(store, 'delivery.pending');
  const flush = () => void store.commit().catch((err: Error) => log.error(`could not store pending retries: ${err.message}`));
  return {
    save(p) {
      if (rows.get('_', p.sid)) rows.replace('_', p);
      else rows.insert('_', p);
      flush();
    },
    remove(id) {
      if (rows.remove('_', id)) flush();
    },
    list: () => [...rows.list('_')],
  };
}

/** Empties the store and both journals, calling off pending retries, once in-flight deliveries have finished. */
export async function resetContext(ctx: Context): Promise<void> {
  ctx.delivery.cancelRetries();
  await ctx.delivery.idle();
  await ctx.store.reset();
  ctx.journal.clear();
  ctx.requests.clear();
}
