import { adminHeaders, serverUrl } from './server-url.js';

/** The running hookyard could not be reached at all (not an error answer). */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

export interface AdminAnswer<T> {
  ok: boolean;
  status: number;
  json: T & { error?: { message?: string } };
}

/** One call to a running hookyard's `/_hookyard` API, with the admin token when one is set. */
export async function adminCall<T>(base: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<AdminAnswer<T>> {
  let res: Response;
  try {
    res = await fetch(`${base}/_hookyard${path}`, {
      method: init.method ?? 'GET',
      headers: { ...adminHeaders(), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (err) {
    throw new UnreachableError(`cannot reach ${base} (${((err as Error).cause as Error | undefined)?.message ?? (err as Error).message})`);
  }
  const json = (await res.json().catch(() => ({}))) as AdminAnswer<T>['json'];
  return { ok: res.ok, status: res.status, json };
}

/**
 * Runs a client command against the running hookyard (`--url`, else `$HOOKYARD_URL`): without one, says so
 * and exits 2. An unreachable server or an answer hookyard refused (a bad filter, an unknown id) is one line on
 * stderr and exit 2; a 404 for a named record is exit 1.
 */
export async function clientCommand(url: string | undefined, run: (base: string) => Promise<void>): Promise<void> {
  const base = serverUrl(url);
  if (!base) return;
  try {
    await run(base);
  } catch (err) {
    if (!(err instanceof UnreachableError || err instanceof AnswerError)) throw err;
    process.stderr.write(`hookyard: ${err.message}\n`);
    process.exitCode = err instanceof AnswerError && err.status === 404 ? 1 : 2;
  }
}

/** The query string of the flags that were given, under the same names. */
export function queryOf<F extends object>(flags: F, keys: readonly (keyof F & string)[]): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of keys) if (flags[k]) q.set(k, String(flags[k]));
  return q;
}

export class AnswerError extends Error {
  override name = 'AnswerError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The answer's JSON, or an AnswerError carrying hookyard's own message. */
export function expectOk<T>(a: AdminAnswer<T>, what: string): T {
  if (!a.ok) throw new AnswerError(a.json.error?.message ?? `${what} failed (HTTP ${a.status})`, a.status);
  return a.json;
}

/**
 * Reads `GET /_hookyard/stream` until it ends, calling `on` with each `delivery` event's JSON. Server-Sent
 * Events framing only (`event:`/`data:` lines, a blank line ends an event; `:` lines are heartbeats). The
 * stream ending or breaking (the server stopped) is an UnreachableError, for the caller to wait out.
 */
export async function readDeliveryStream(base: string, path: string, on: (record: unknown) => void): Promise<never> {
  let res: Response;
  try {
    res = await fetch(`${base}/_hookyard${path}`, { headers: { ...adminHeaders(), accept: 'text/event-stream' } });
  } catch (err) {
    throw new UnreachableError(`cannot reach ${base} (${(err as Error).message})`);
  }
  if (!res.ok || !res.body) throw new UnreachableError(`${base} refused the stream (HTTP ${res.status})`);
  let buffer = '';
  try {
    for await (const chunk of res.body.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
        const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
        if (event === 'delivery') on(JSON.parse(data));
      }
    }
  } catch {
    /* the connection broke: the same as the stream ending */
  }
  throw new UnreachableError(`the stream from ${base} ended`);
}

/**
 * Prints a journal (`/deliveries`, `/requests`) and then whatever is new or changed, oldest first: pushed by
 * `stream` (the deliveries' Server-Sent Events) when given, else polled. When the server goes away after the
 * first read it says so once and keeps trying, and carries on when it is back (a restarted in-memory hookyard
 * starts an empty journal; what it journals next is printed).
 */
export async function followJournal<R extends { id: string }>(o: {
  base: string;
  path: string;
  key: string;
  version: (r: R) => string;
  show: (r: R) => void;
  stream?: string | undefined;
  pollMs?: number;
}): Promise<never> {
  const seen = new Map<string, string>();
  const showIfChanged = (r: R) => {
    const v = o.version(r);
    if (seen.get(r.id) !== v) o.show(r);
    seen.set(r.id, v);
  };
  let lost = false;
  let connected = false;
  for (;;) {
    try {
      const page = expectOk(await adminCall<Record<string, R[]>>(o.base, o.path), 'reading the journal');
      if (lost) process.stderr.write(`hookyard: ${o.base} is back; following\n`);
      lost = false;
      connected = true;
      for (const r of [...(page[o.key] ?? [])].reverse()) showIfChanged(r);
      if (o.stream) await readDeliveryStream(o.base, o.stream, (r) => showIfChanged(r as R));
    } catch (err) {
      // Never reached at all is a mistake to report (exit 2); lost after that is a restart to wait out.
      if (!(err instanceof UnreachableError) || !connected) throw err;
      if (!lost) process.stderr.write(`hookyard: lost ${o.base}; reconnecting…\n`);
      lost = true;
    }
    await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
  }
}

/**
 * `hookyard deliveries` / `hookyard requests`: one page of a journal, oldest first like a log (the API
 * pages newest first), as lines or JSON — or, with `follow`, everything new or changed until Ctrl+C.
 */
export async function printJournal<R extends { id: string }>(o: { base: string; path: string; key: string; stream?: string; json?: boolean | undefined; follow?: boolean | undefined; line: (r: R) => string; version: (r: R) => string }): Promise<void> {
  const say = (text: string) => process.stdout.write(text + '\n');
  const show = (r: R) => say(o.json ? JSON.stringify(r) : o.line(r));
  if (o.follow) await followJournal({ base: o.base, path: o.path, key: o.key, version: o.version, show, stream: o.stream });
  const page = expectOk(await adminCall<Record<string, R[]>>(o.base, o.path), 'reading the journal');
  const chronological = [...(page[o.key] ?? [])].reverse();
  if (o.json) say(JSON.stringify(chronological, null, 2));
  else chronological.forEach(show);
}
