import { createDeliveryEngine, type DeliveryEngine, type DeliveryOptions } from '../delivery/engine.js';
import { createJournal, type Journal } from '../delivery/journal.js';
import { createEmitter, type Emitter } from '../events/emitter.js';
import { createScheduler, type Scheduler } from '../scenarios/scheduler.js';
import type { Store } from '../store/store.js';
import { systemClock, type Clock } from './clock.js';
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
  clock: Clock;
  random: Random;
  log: Logger;
  twilio: TwilioConfig;
  sinch: SinchConfig;
  journal: Journal;
  delivery: DeliveryEngine;
  emitter: Emitter;
  scheduler: Scheduler;
  newEventId(): string;
}

export interface ContextOptions {
  store: Store;
  clock?: Clock | undefined;
  seed?: string | number | undefined;
  log?: Logger | undefined;
  twilio: TwilioConfig;
  sinch: SinchConfig;
  journalLimit?: number | undefined;
  delivery?: DeliveryOptions | undefined;
}

export function createContext(options: ContextOptions): Context {
  const clock = options.clock ?? systemClock;
  const random = createRandom(options.seed);
  const log = options.log ?? createLogger('info');
  const journal = createJournal(options.journalLimit);
  const delivery = createDeliveryEngine({ journal, clock, random, log, ...(options.delivery ? { options: options.delivery } : {}) });
  return {
    store: options.store,
    clock,
    random,
    log,
    twilio: options.twilio,
    sinch: options.sinch,
    journal,
    delivery,
    emitter: createEmitter(delivery),
    scheduler: createScheduler({ clock, random, log }),
    newEventId: () => newSid(random, 'event'),
  };
}

/** Empties the store and the journal once in-flight deliveries have finished. */
export async function resetContext(ctx: Context): Promise<void> {
  await ctx.delivery.idle();
  await ctx.store.reset();
  ctx.journal.clear();
}
