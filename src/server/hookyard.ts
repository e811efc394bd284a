import type { Clock, ClockState, ControlledClock } from '../core/clock.js';
import { parseDurationMs } from '../core/duration.js';
import { createContext, resetContext, type Context } from '../core/context.js';
import { createLogger, type Logger, type LogLevel } from '../core/log.js';
import { parseDeliveryFilter, type DeliveryQuery } from '../delivery/filter.js';
import type { DeliveryRecord } from '../delivery/journal.js';
import { waitForDelivery, type WaitFilter } from '../delivery/wait.js';
import { createChaos, validateChaos, type ChaosOptions } from '../delivery/chaos.js';
import { parsePublicUrlRules, PublicUrlError } from '../delivery/public-url.js';
import { DEFAULTS } from '../defaults.js';
import { twilioHttpClient, type TwilioHttpClient } from '../sdk/twilio-http-client.js';
import { createVerifyHelpers, type VerifyHelpers } from '../providers/twilio/verify/admin.js';
import { openStore } from '../store/store.js';
import { VERSION } from '../version.js';
import { createApp, type App } from './app.js';
import { DEFAULT_MAX_BODY_BYTES } from './guard.js';
import { emitEvent, type EmitRequestJson, type EmitResult } from './emit.js';
import { listen, type Listening } from './serve.js';
import { expectRequest, type ExpectRequestOptions } from '../requests/expect.js';
import { parseRequestFilter } from '../requests/filter.js';
import type { RequestFilter, RequestRecord } from '../requests/journal.js';
import type { StateDocument } from '../state/document.js';
import { createStateHelpers, loadInitialState } from '../state/helpers.js';
import { interceptProviderHosts } from '../intercept/intercept.js';
import { enableProxy } from '../proxy/proxy.js';

export interface HookyardOptions {
  /** 0 (the default here) picks any free port. */
  port?: number;
  host?: string;
  /** JSON file (+ change log) to keep state in; in memory when absent. */
  db?: string;
  /** Same seed → same SIDs and generated values. */
  seed?: string | number;
  accountSid?: string;
  authToken?: string;
  /** More Twilio accounts (AccountSid → AuthToken); data is scoped per account. */
  extraAccounts?: Record<string, string>;
  sinchProjectId?: string;
  sinchKeyId?: string;
  sinchKeySecret?: string;
  /** More Sinch projects (projectId → access key); data is scoped per project. */
  extraSinchProjects?: Record<string, { keyId: string; keySecret: string }>;
  /**
   * hookyard's time source: `'real'` (the default: the machine's time, movable by an offset), `'manual'`
   * (frozen at start until moved), or a clock of your own such as `createManualClock(…)`.
   */
  clock?: Clock | 'real' | 'manual';
  log?: LogLevel | Logger;
  journalLimit?: number;
  /** Divides every retry delay (3600: Event Streams' 4 hours of retries pass in 4 seconds). */
  timeScale?: number;
  /** Retry profile (`eventstreams`, `twilio`, `sinch`, `none`) by provider name or target URL. */
  retry?: Record<string, 'eventstreams' | 'twilio' | 'sinch' | 'none'>;
  /** Duplicate, reorder, delay and drop deliveries, deterministically per seed. */
  chaos?: ChaosOptions;
  /** More Host names to answer besides localhost, IP addresses, `host` and the provider hosts (`.example.com`: its subdomains too). */
  allowedHosts?: string[];
  /** Require `Authorization: Bearer <token>` on `/_hookyard/*` (but `/health`). */
  adminToken?: string;
  /** The largest request body, in bytes (default 1 MiB); larger is 413. */
  maxBodyBytes?: number;
  /**
   * Local origin → the public one the app validates signatures against (a tunnel, a proxy):
   * `{ 'http://127.0.0.1:3000': 'https://abc.ngrok.app' }`. Deliveries go to the local URL, signed over the public one.
   */
  publicUrls?: Record<string, string>;
  /** Start from this state (a `GET /_hookyard/state` document, or a file holding one); with `db`, only an empty one is seeded. */
  state?: string | StateDocument;
  /**
   * Route this process's requests to the real provider hosts (`verify.twilio.com`, `provisioning.api.sinch.com` …)
   * here, so the official SDKs need no `httpClient` or hostnames; every other host is left alone. Removed by `close()`.
   */
  intercept?: boolean;
  /**
   * Also be an HTTPS proxy for the provider hosts (and refuse every other host), with certificates from a
   * local CA made on first use: `HTTPS_PROXY=<url>` plus the CA file (`proxyCa`) is all a client in any
   * language needs. `caDir` defaults to `HOOKYARD_CA_DIR`, else `~/.hookyard/ca`.
   */
  proxy?: boolean | { caDir?: string };
}

export interface Hookyard {
  url: string;
  port: number;
  accountSid: string;
  authToken: string;
  sinch: { projectId: string; keyId: string; keySecret: string };
  /** With `proxy`: the local CA certificate (PEM) clients must trust. */
  proxyCa?: string;
  /** The path-routed Hono app, for `app.request()` without HTTP. */
  app: App;
  /** hookyard's clock, as `POST /_hookyard/clock` moves it: expiry, TTLs, retries and schedules follow. */
  clock: HookyardClock;
  /** In place of a phone: the codes Verify sent, simulated Push devices, answering challenges as the device. */
  verify: VerifyHelpers;
  /** Emits an event as `POST /_hookyard/events` does. */
  emit(request: EmitRequestJson): Promise<EmitResult>;
  /** The journal, filtered by `provider`, `type`, `outcome`, `target`, `eventId`, `since`, `until`; an unknown key or value throws. */
  deliveries(filter?: DeliveryQuery): DeliveryRecord[];
  /** Resolves with the matching delivery (also one that already arrived), or rejects listing what did. */
  waitForDelivery(filter: WaitFilter, options?: { timeout?: number }): Promise<DeliveryRecord>;
  /** The calls made to the fake APIs, oldest first, filtered by `operation`, `provider`, `method`, `path`, `status`, `since`, `until`, `params`. */
  requests(filter?: RequestFilter): RequestRecord[];
  /**
   * Resolves with the matching calls once there are as many as `times` (at least one when absent), waiting
   * up to `timeout` ms; rejects listing the closest calls that did arrive.
   */
  expectRequest(filter: RequestFilter, options?: ExpectRequestOptions): Promise<RequestRecord[]>;
  /** Forgets the calls journaled so far (the fake APIs' data stays). */
  clearRequests(): void;
  /** Resolves when no delivery is in flight. */
  idle(): Promise<void>;
  reset(): Promise<void>;
  /** All emulated state now (secrets included), to `restore()` later: fixtures made once, restored per test. */
  snapshot(): StateDocument;
  /** Replaces all state with a snapshot; pending retries are called off, the journals kept unless `clearJournal`. */
  restore(snapshot: StateDocument, options?: { clearJournal?: boolean }): Promise<void>;
  close(): Promise<void>;
  /** An `httpClient` for the `twilio` SDK that sends every request here. */
  twilioHttpClient(): TwilioHttpClient;
  /** Internals, for hookyard's own tests and tools. */
  ctx: Context;
}

export interface HookyardClock {
  now(): Date;
  /** Moves time forward (`'10m'`, `'1h30m'` or milliseconds), running every timer that falls due. */
  advance(by: string | number): void;
  set(time: Date | string): void;
  /** Back to the underlying clock's time. */
  reset(): void;
  state(): ClockState;
}

function toHookyardClock(clock: ControlledClock): HookyardClock {
  return {
    now: () => clock.now(),
    advance(by) {
      const ms = parseDurationMs(by);
      if (ms === undefined) throw new TypeError(`advance wants a duration such as '10m' or a number of ms; got ${JSON.stringify(by)}`);
      clock.advance(ms);
    },
    set: (time) => clock.set(time),
    reset: () => clock.resetOffset(),
    state: () => clock.state(),
  };
}

/** The numeric options, against the ranges the CLI enforces too: a TypeError naming the option, before anything starts. */
function checkOptions(o: HookyardOptions): void {
  const range = (name: string, v: number | undefined, min: number, max: number) => {
    if (v !== undefined && !(typeof v === 'number' && v >= min && v <= max)) throw new TypeError(`createHookyard: ${name} must be a number from ${min} to ${max}; got ${String(v)}`);
  };
  range('port', o.port, 0, 65535);
  range('timeScale', o.timeScale, 1e-6, 1e9);
  range('journalLimit', o.journalLimit, 1, 10_000_000);
  range('maxBodyBytes', o.maxBodyBytes, 1024, 1024 ** 3);
  if (o.chaos !== undefined) validateChaos(o.chaos);
  if (o.publicUrls !== undefined) publicUrlRules(o.publicUrls);
}

const publicUrlRules = (input: unknown) => {
  try {
    return parsePublicUrlRules(input);
  } catch (err) {
    throw err instanceof PublicUrlError ? new TypeError(`createHookyard: ${err.message}`) : err;
  }
};

/** Starts hookyard in-process: `const hook = await createHookyard({ seed: 1 })`. */
export async function createHookyard(options: HookyardOptions = {}): Promise<Hookyard> {
  checkOptions(options);
  const accountSid = options.accountSid ?? DEFAULTS.accountSid;
  const authToken = options.authToken ?? DEFAULTS.authToken;
  const sinch = {
    projectId: options.sinchProjectId ?? DEFAULTS.sinchProjectId,
    keyId: options.sinchKeyId ?? DEFAULTS.sinchKeyId,
    keySecret: options.sinchKeySecret ?? DEFAULTS.sinchKeySecret,
  };
  const store = await openStore({ file: options.db });
  const log = typeof options.log === 'object' ? options.log : createLogger(options.log ?? 'silent');
  const ctx = createContext({
    store,
    ...(typeof options.clock === 'string' ? { clockMode: options.clock } : { clock: options.clock }),
    seed: options.seed,
    log,
    twilio: { accounts: new Map([[accountSid, authToken], ...Object.entries(options.extraAccounts ?? {})]) },
    sinch: { projects: new Map([[sinch.projectId, { keyId: sinch.keyId, keySecret: sinch.keySecret }], ...Object.entries(options.extraSinchProjects ?? {})]) },
    journalLimit: options.journalLimit,
    publicUrls: options.publicUrls === undefined ? [] : publicUrlRules(options.publicUrls),
    delivery: { timeScale: options.timeScale, retry: options.retry, chaos: createChaos(options.seed === undefined ? undefined : String(options.seed), options.chaos) },
  });
  const host = options.host ?? DEFAULTS.host;
  const app = createApp(ctx, { version: VERSION, guard: { host, allowedHosts: options.allowedHosts ?? [], adminToken: options.adminToken, maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES } });
  let server: Listening | undefined;
  let proxyCa: string | undefined;
  let unintercept: (() => void) | undefined;
  try {
    if (options.state !== undefined) await loadInitialState(ctx, app.providers, options.state);
    const resumed = ctx.delivery.resume();
    if (resumed > 0) log.info(`resumed ${resumed} pending ${resumed === 1 ? 'retry' : 'retries'} from ${store.file}`);
    server = await listen(app, { port: options.port ?? 0, host });
    if (options.proxy) proxyCa = await enableProxy(server.server, app, log, typeof options.proxy === 'object' ? options.proxy.caDir : undefined);
    if (options.intercept) unintercept = await interceptProviderHosts(app, log);
  } catch (err) {
    // A start that fails leaves nothing behind: no retry timers, no listening socket, the store flushed and closed.
    ctx.delivery.cancelRetries();
    await server?.close();
    await store.close();
    throw err;
  }
  const listening = server;
  let closed: Promise<void> | undefined;
  return {
    url: listening.url,
    port: listening.port,
    accountSid,
    authToken,
    sinch,
    ...(proxyCa === undefined ? {} : { proxyCa }),
    app,
    ctx,
    clock: toHookyardClock(ctx.clock),
    verify: createVerifyHelpers(ctx, listening.url),
    emit: (request) => emitEvent(ctx, app.providers, request),
    deliveries: (filter) => ctx.journal.list(parseDeliveryFilter(filter ?? {}, app.providers.map((p) => p.name))),
    waitForDelivery: (filter, o) => waitForDelivery(ctx.journal, filter, o?.timeout, app.providers.map((p) => p.name)),
    requests: (filter) => ctx.requests.list(parseRequestFilter(filter ?? {}, app.providers)),
    expectRequest: async (filter, o) => expectRequest(ctx.requests, parseRequestFilter(filter, app.providers), o),
    clearRequests: () => ctx.requests.clear(),
    idle: () => ctx.delivery.idle(),
    reset: () => resetContext(ctx),
    ...createStateHelpers(ctx, app.providers),
    close() {
      closed ??= (async () => {
        unintercept?.();
        ctx.scheduler.cancelAll();
        ctx.delivery.cancelRetries();
        await listening.close();
        await ctx.delivery.idle();
        await store.close();
      })();
      return closed;
    },
    twilioHttpClient: () => twilioHttpClient(listening.url),
  };
}
