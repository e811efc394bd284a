// Trigger from the page: the catalogue (search, by provider), an event's description, then send it —
// setting up (or reusing) a webhook or sink at the URL given — and see its deliveries.
import { api } from './api.js';
import { badge, code, facts, fill, h } from './dom.js';
import { go, remember } from './nav.js';

export function triggerView(main, params) {
  const search = h('input', { type: 'search', placeholder: 'Search events', 'aria-label': 'Search events', value: params.get('q') ?? '' });
  const list = h('div', { class: 'catalog', role: 'list' });
  const form = h('section', { class: 'trigger-form', 'aria-label': 'Event' }, h('p', { class: 'muted' }, 'Pick an event.'));
  main.append(h('div', { class: 'split' }, h('div', { class: 'pane-list' }, search, list), form));
  let events = [];

  function renderList() {
    const q = search.value.trim().toLowerCase();
    const shown = events.filter((e) => !q || e.name.toLowerCase().includes(q) || e.description.toLowerCase().includes(q));
    const groups = new Map();
    for (const e of shown) groups.set(e.provider, [...(groups.get(e.provider) ?? []), e]);
    fill(list, [...groups].map(([provider, es]) => h('div', { role: 'listitem' }, h('h3', {}, provider), es.map((e) => h('button', { type: 'button', class: 'event', 'data-event': e.name, title: e.description, onclick: () => pick(e) }, e.name)))));
  }

  function pick(e) {
    remember({ view: 'trigger', event: e.name, q: search.value });
    const url = h('input', { type: 'url', name: 'webhookUrl', placeholder: 'http://localhost:3000/hooks', 'aria-label': 'Send to URL', value: localStorage.getItem('hookyard.webhookUrl') ?? '' });
    const data = h('textarea', { class: 'mono', name: 'data', rows: 6, spellcheck: 'false', 'aria-label': 'Overrides (JSON)' });
    data.value = '{}';
    const count = h('input', { type: 'number', name: 'count', min: 1, max: 100, value: 1, 'aria-label': 'Count' });
    const result = h('div', { class: 'result', role: 'status' });
    const send = async (ev) => {
      ev.preventDefault();
      let overrides;
      try {
        overrides = JSON.parse(data.value || '{}');
      } catch {
        return fill(result, h('p', { class: 'error' }, 'Overrides must be JSON, e.g. {"status": "approved"}'));
      }
      if (url.value) localStorage.setItem('hookyard.webhookUrl', url.value);
      fill(result, h('p', { class: 'muted' }, 'Sending…'));
      try {
        const r = await api('/trigger', { method: 'POST', body: { event: e.name, ...(url.value ? { webhookUrl: url.value } : {}), data: overrides, count: Number(count.value) } });
        fill(result,
          r.created.length ? h('ul', { 'aria-label': 'Set up' }, r.created.map((c) => h('li', {}, c))) : '',
          r.noDelivery ? h('p', { class: 'error' }, r.noDelivery) : '',
          h('ul', { class: 'sent', 'aria-label': 'Deliveries' }, r.deliveries.map((d) =>
            h('li', {}, h('a', { href: `?view=deliveries&id=${d.id}`, onclick: (x) => (x.preventDefault(), go({ view: 'deliveries', id: d.id })) }, d.id), ' ', badge(d.outcome), ` ${d.status ?? ''} → ${d.target.url}`))));
      } catch (err) {
        fill(result, h('p', { class: 'error', role: 'alert' }, err.message));
      }
    };
    fill(form,
      h('h2', { class: 'mono' }, e.name),
      h('p', {}, e.description),
      facts([['Provider', e.provider], ['Type', h('span', { class: 'mono' }, e.type)], ['Needs', e.requires.join('; ') || 'nothing']]),
      h('p', { class: 'muted' }, 'From a terminal:'), code(e.example, 'CLI example'),
      h('form', { class: 'send', onsubmit: send },
        h('label', {}, h('span', {}, 'Send to'), url),
        h('p', { class: 'muted' }, 'With a URL, hookyard creates (or reuses) what the event needs — a service and webhook, a sink and subscription — pointing there. Without one, the event goes to what already exists.'),
        h('label', {}, h('span', {}, 'Overrides (JSON)'), data),
        h('label', {}, h('span', {}, 'Count'), count),
        h('button', { type: 'submit' }, 'Send event')),
      result);
  }

  search.addEventListener('input', renderList);
  api('/catalog').then((r) => {
    events = r.events;
    renderList();
    const wanted = events.find((e) => e.name === params.get('event'));
    if (wanted) pick(wanted);
  }, (err) => fill(list, h('p', { class: 'error', role: 'alert' }, err.message)));
}
