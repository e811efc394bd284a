// The live list: a page of rows from the server, then every change pushed by /_hookyard/stream. Only the
// rows in sight are in the DOM, so a journal of 10,000 stays quick; scrolling to the end loads the next page.
import { api, query } from './api.js';
import { showDelivery } from './delivery.js';
import { badge, clock, fill, h } from './dom.js';
import { remember, setLive } from './nav.js';

const ROW = 30;
const PAGE = 200;
const FILTERS = ['provider', 'type', 'outcome', 'target', 'q'];
const OUTCOMES = ['', 'pending', 'delivered', 'http_error', 'timeout', 'network_error', 'not_delivered'];
const PROVIDERS = ['', 'twilio.verify', 'twilio.events', 'twilio.sync', 'sinch.provisioning'];

export function deliveriesView(main, params) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? '']));
  let openId = params.get('id');
  let rows = [];
  let next = null;
  let cursor = 0;
  let loading = false;
  let source;

  const list = h('div', { class: 'list', role: 'listbox', tabindex: 0, 'aria-label': 'Deliveries, newest first (j/k to move, Enter to open)' });
  const spacer = h('div', { class: 'spacer' });
  list.append(spacer);
  const status = h('p', { class: 'muted count', role: 'status' });
  const pane = h('section', { class: 'detail', 'aria-label': 'Delivery' }, h('p', { class: 'muted' }, 'Pick a delivery to see its request, signature and attempts.'));

  // Each control is named by its visible label ("Outcome").
  const field = (label, input) => (input.setAttribute('aria-label', label), h('label', {}, h('span', {}, label), input));
  const select = (key, options) => h('select', { name: key, onchange: changed }, options.map((o) => h('option', { value: o, selected: filters[key] === o }, o || 'any')));
  const text = (key, placeholder) => h('input', { name: key, type: 'search', value: filters[key], placeholder, oninput: debounce(changed, 250) });
  const bar = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter deliveries', onsubmit: (e) => e.preventDefault() },
    field('Provider', select('provider', PROVIDERS)),
    field('Event type', text('type', 'factor.created')),
    field('Outcome', select('outcome', OUTCOMES)),
    field('Target', text('target', 'http://localhost:3000')),
    field('Search', text('q', 'id, type, URL or body text')),
  );

  const head = h('div', { class: 'row head', 'aria-hidden': 'true' }, ['Time', 'Provider', 'Event', 'Target', 'Outcome', 'HTTP', 'ms', 'Tries', 'Next retry'].map((t) => h('span', {}, t)));
  main.append(h('div', { class: 'split' }, h('div', { class: 'pane-list' }, bar, status, head, list), pane));

  function changed() {
    for (const el of bar.elements) filters[el.name] = el.value.trim();
    remember({ view: 'deliveries', ...filters, id: openId });
    restart();
  }

  const rowEl = (r, i) =>
    h('div', { class: `row ${r.outcome}${i === cursor ? ' cursor' : ''}`, role: 'option', id: `row-${r.id}`, 'data-id': r.id, 'aria-selected': r.id === openId ? 'true' : 'false', onclick: () => open(r.id, i) },
      h('span', { class: 'mono' }, clock(r.createdAt)),
      h('span', { title: r.provider }, r.provider.startsWith('twilio.') ? r.provider.slice(7) : r.provider.split('.')[0]),
      h('span', { class: 'mono', title: r.eventTypes.join(', ') }, r.eventType, r.replayOf ? h('small', {}, r.edited ? ' (edited replay)' : ' (replay)') : ''),
      h('span', { class: 'mono ellipsis', title: r.target.url }, shortUrl(r.target.url)),
      h('span', {}, badge(r.outcome)),
      h('span', { class: 'mono' }, r.status ?? '–'),
      h('span', { class: 'mono' }, r.latencyMs ?? '–'),
      h('span', { class: 'mono' }, r.attempts),
      h('span', { class: 'mono' }, r.nextAttemptAt ? clock(r.nextAttemptAt) : ''),
    );

  function render() {
    spacer.style.height = `${rows.length * ROW}px`;
    const first = Math.max(0, Math.floor(list.scrollTop / ROW) - 10);
    const last = Math.min(rows.length, first + Math.ceil((list.clientHeight || 600) / ROW) + 20);
    const shown = [];
    for (let i = first; i < last; i++) {
      const el = rowEl(rows[i], i);
      el.style.top = `${i * ROW}px`;
      shown.push(el);
    }
    fill(list, spacer, shown);
    status.textContent = rows.length === 0 ? (loading ? 'Loading…' : 'No deliveries yet. Trigger an event, or call a fake API.') : `${rows.length}${next ? '+' : ''} deliveries`;
  }

  async function loadMore() {
    if (loading) return;
    loading = true;
    try {
      const page = await api(`/inspect/rows?${query({ ...filters, limit: PAGE, cursor: next })}`);
      const known = new Set(rows.map((r) => r.id));
      rows.push(...page.rows.filter((r) => !known.has(r.id)));
      next = page.next;
    } catch (err) {
      status.textContent = err.message;
    } finally {
      loading = false;
    }
    render();
  }

  function listen() {
    source?.close();
    source = new EventSource(`/_hookyard/stream?${query(filters)}`);
    let dropped = false;
    source.addEventListener('ready', () => {
      setLive('● live', true);
      if (dropped) void catchUp(); // what happened while the stream was down (a server restart) is fetched
      dropped = false;
    });
    source.addEventListener('error', () => {
      dropped = true;
      setLive('○ reconnecting…', false);
    });
    source.addEventListener('delivery', (e) => {
      const row = JSON.parse(e.data);
      const at = rows.findIndex((r) => r.id === row.id);
      if (at >= 0) rows[at] = row;
      else {
        rows.unshift(row);
        if (list.scrollTop > 0) list.scrollTop += ROW; // keep what the reader looks at in place
      }
      render();
      // The open delivery changed (an attempt finished): show it again — unless its body is being edited.
      if (row.id === openId && at >= 0 && !pane.querySelector('form.edit:not([hidden])')) void showDelivery(pane, openId, { open: (id) => open(id) });
    });
  }

  /** Merges the newest page into the list: rows changed while disconnected are updated, new ones go on top. */
  async function catchUp() {
    const page = await api(`/inspect/rows?${query({ ...filters, limit: PAGE })}`).catch(() => ({ rows: [] }));
    const at = new Map(rows.map((r, i) => [r.id, i]));
    const fresh = [];
    for (const r of page.rows) {
      if (at.has(r.id)) rows[at.get(r.id)] = r;
      else fresh.push(r);
    }
    rows.unshift(...fresh);
    render();
  }

  function restart() {
    rows = [];
    next = null;
    cursor = 0;
    list.scrollTop = 0;
    render();
    listen();
    void loadMore();
  }

  function open(id, i) {
    openId = id;
    if (i !== undefined) cursor = i;
    remember({ view: 'deliveries', ...filters, id });
    render();
    void showDelivery(pane, id, { open: (other) => open(other) });
  }

  list.addEventListener('scroll', () => {
    render();
    if (next && list.scrollTop + list.clientHeight > rows.length * ROW - ROW * 20) void loadMore();
  });
  list.addEventListener('keydown', (e) => {
    if (e.target !== list) return;
    const move = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1 }[e.key];
    if (move) {
      e.preventDefault();
      cursor = Math.max(0, Math.min(rows.length - 1, cursor + move));
      if (cursor * ROW < list.scrollTop) list.scrollTop = cursor * ROW;
      if ((cursor + 1) * ROW > list.scrollTop + list.clientHeight) list.scrollTop = (cursor + 1) * ROW - list.clientHeight;
      render();
    } else if (e.key === 'Enter' && rows[cursor]) open(rows[cursor].id, cursor);
  });

  restart();
  if (openId) void showDelivery(pane, openId, { open: (id) => open(id) });
  list.focus();
  return { stop: () => source?.close() };
}

function debounce(fn, ms) {
  let t;
  return () => {
    clearTimeout(t);
    t = setTimeout(fn, ms);
  };
}

/** `http://127.0.0.1:3000/hooks?x` → `:3000/hooks` for a local target (the full URL is in the title). */
function shortUrl(url) {
  try {
    const u = new URL(url);
    const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
    return (local ? `:${u.port || (u.protocol === 'https:' ? 443 : 80)}` : u.host) + u.pathname;
  } catch {
    return url;
  }
}
