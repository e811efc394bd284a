// One delivery in full: request, decoded body, the signature verdict (recomputed by hookyard), every
// attempt, the event's other deliveries, and replay / replay with changes / recover / copy as curl.
import { api } from './api.js';
import { toCurl } from './curl.js';
import { badge, clock, code, facts, fill, h } from './dom.js';

const RESPONSE_SHOWN = 4096;

/** A form body as a table of fields; JSON (CloudEvents arrays too) pretty-printed; anything else as sent. */
function bodyView(request) {
  const type = request.headers['content-type'] ?? '';
  if (request.body === '') return h('p', { class: 'muted' }, '(no body)');
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const rows = [...new URLSearchParams(request.body)].map(([k, v]) => h('tr', {}, h('th', { scope: 'row', class: 'mono' }, k), h('td', { class: 'mono' }, v)));
    return h('table', { class: 'kv', 'aria-label': 'Form fields' }, h('tbody', {}, rows));
  }
  try {
    return code(JSON.stringify(JSON.parse(request.body), null, 2), 'JSON body');
  } catch {
    return code(request.body, 'Body');
  }
}

const headerTable = (headers, label) =>
  h('table', { class: 'kv', 'aria-label': label }, h('tbody', {}, Object.entries(headers).map(([k, v]) => h('tr', {}, h('th', { scope: 'row', class: 'mono' }, k), h('td', { class: 'mono' }, v)))));

function signatureView(sig) {
  if (!sig) return h('p', { class: 'muted' }, 'Nothing was sent, so there is no signature.');
  return h('div', {},
    h('p', { class: `verdict ${sig.valid ? 'ok' : 'bad'}`, role: 'status' }, sig.valid ? '✔ signature valid' : `✘ signature invalid: ${sig.reason}`),
    facts([
      ['Header', h('span', { class: 'mono' }, sig.header)],
      ['Recipe', sig.scheme],
      ['Key', sig.key],
      ['Sent', h('span', { class: 'mono' }, sig.sent ?? '(none)')],
      ['Expected', h('span', { class: 'mono' }, sig.expected ?? '(no key)')],
      ['bodySHA256', sig.bodyHash ? h('span', { class: 'mono' }, `${sig.bodyHash.valid ? '✔' : '✘'} ${sig.bodyHash.actual}`) : undefined],
    ]),
    h('details', {}, h('summary', {}, 'String that was signed'), code(sig.signedString, 'Signed string')),
  );
}

function attemptView(a) {
  const res = a.response;
  return h('li', { class: `attempt ${a.outcome}` },
    h('p', {}, h('strong', {}, `#${a.n}`), ' ', clock(a.startedAt), ' · ', badge(a.outcome), res ? ` · HTTP ${res.status}` : '', ` · ${a.durationMs} ms`, a.errorCode ? ` · error ${a.errorCode}` : '', a.error ? ` · ${a.error}` : ''),
    res ? h('details', {}, h('summary', {}, 'Response'), headerTable(res.headers, 'Response headers'), code(res.body.length > RESPONSE_SHOWN ? res.body.slice(0, RESPONSE_SHOWN) + `\n… (${res.body.length} characters)` : res.body || '(empty body)', 'Response body')) : '',
  );
}

export async function showDelivery(pane, id, { open }) {
  // The newest call wins: a slower answer for an earlier pick never replaces what was opened since.
  const ticket = String(Number(pane.dataset.ticket ?? 0) + 1);
  pane.dataset.ticket = ticket;
  let d, sig, others;
  try {
    d = await api(`/deliveries/${encodeURIComponent(id)}`);
    sig = d.outcome === 'not_delivered' ? null : await api(`/deliveries/${id}/signature`);
    others = (await api(`/deliveries?eventId=${encodeURIComponent(d.eventId)}&limit=20`)).deliveries.filter((o) => o.id !== d.id);
  } catch (err) {
    if (pane.dataset.ticket === ticket) fill(pane, h('p', { class: 'error', role: 'alert' }, err.message));
    return;
  }
  if (pane.dataset.ticket !== ticket) return;
  const note = h('p', { class: 'note', role: 'status' });
  const say = (text, bad) => {
    note.textContent = text;
    note.classList.toggle('error', !!bad);
  };
  const act = (fn) => async () => {
    try {
      await fn();
    } catch (err) {
      say(err.message, true);
    }
  };
  const editor = h('textarea', { class: 'mono', rows: 10, spellcheck: 'false', 'aria-label': 'Edited body' });
  editor.value = d.request.body;
  const curl = toCurl(d.request);
  const replayed = (r) => {
    say(`Replayed as ${r.id}: ${r.outcome}${r.attempts.at(-1)?.response ? ` (HTTP ${r.attempts.at(-1).response.status})` : ''}`);
    open(r.id);
  };

  const edit = h('form', { class: 'edit', hidden: true, onsubmit: (e) => (e.preventDefault(), act(async () => replayed(await api(`/deliveries/${d.id}/replay`, { method: 'POST', body: { body: editor.value } })))()) },
      h('p', { class: 'muted' }, 'Edit the body; hookyard signs it anew with the same key and sends it as a new delivery.'),
      editor,
      h('button', { type: 'submit' }, 'Send edited replay'),
    );

  fill(pane,
    h('header', { class: 'detail-head' },
      h('h2', {}, d.eventTypes.join(', '), ' ', badge(d.outcome)),
      h('p', { class: 'mono muted' }, d.id),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: act(async () => replayed(await api(`/deliveries/${d.id}/replay`, { method: 'POST' }))) }, 'Replay'),
        h('button', { type: 'button', disabled: d.outcome === 'not_delivered', onclick: () => edit.toggleAttribute('hidden') }, 'Replay with changes…'),
        h('button', { type: 'button', onclick: act(async () => {
          const r = await api('/deliveries/recover', { method: 'POST', body: { target: d.target.url } });
          say(`Recovered ${r.recovered} failed deliver${r.recovered === 1 ? 'y' : 'ies'} to ${d.target.url}`);
        }) }, 'Recover target'),
        h('button', { type: 'button', onclick: act(async () => {
          await navigator.clipboard.writeText(curl);
          say('Copied the curl command');
        }) }, 'Copy as curl'),
      ),
      note,
    ),
    edit,
    h('section', {}, h('h3', {}, 'Signature'), signatureView(sig)),
    h('section', {}, h('h3', {}, 'Request'),
      code(`${d.request.method} ${d.request.url}`, 'Request line'),
      d.request.signedUrl ? h('p', { class: 'muted' }, 'Signed for ', h('span', { class: 'mono' }, d.request.signedUrl)) : '',
      h('details', { open: true }, h('summary', {}, 'Headers'), headerTable(d.request.headers, 'Request headers')),
      h('h4', {}, 'Body'), bodyView(d.request)),
    h('section', {}, h('h3', {}, `Attempts (${d.attempts.length})`),
      facts([['Retry profile', d.retryProfile], ['Timeout', `${d.timeoutMs} ms`], ['Next retry', d.nextAttemptAt ? clock(d.nextAttemptAt) : 'none']]),
      h('ol', { class: 'attempts' }, d.attempts.map(attemptView))),
    h('section', {}, h('h3', {}, 'Event'),
      facts([['Event ids', h('span', { class: 'mono' }, d.eventIds.join(', '))], ['Target', h('span', { class: 'mono' }, `${d.target.kind} ${d.target.id} → ${d.target.url}`)], ['Created', d.createdAt], ['Replay of', d.replayOf], ['Duplicate of', d.duplicateOf]]),
      others.length ? h('ul', { class: 'others', 'aria-label': 'Other deliveries of this event' }, others.map((o) => h('li', {}, h('a', { href: `?view=deliveries&id=${o.id}`, onclick: (e) => (e.preventDefault(), open(o.id)) }, o.id), ' ', badge(o.outcome), ' ', o.target.url))) : h('p', { class: 'muted' }, 'No other deliveries of this event.')),
    h('details', {}, h('summary', {}, 'curl'), code(curl, 'curl command')),
  );
}
