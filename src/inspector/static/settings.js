// Schedules (with a stop button), chaos (shown and editable), public URLs, and reset behind a confirmation.
import { api } from './api.js';
import { fill, h } from './dom.js';

export function settingsView(main) {
  const schedules = h('section', { 'aria-label': 'Schedules' });
  const chaos = h('section', { 'aria-label': 'Chaos' });
  const publicUrls = h('section', { 'aria-label': 'Public URLs' });
  const reset = h('section', { 'aria-label': 'Reset' });
  main.append(h('div', { class: 'settings' }, schedules, chaos, publicUrls, reset));

  const jsonEditor = (title, path, key, help) => {
    const area = h('textarea', { class: 'mono', rows: 6, spellcheck: 'false', 'aria-label': `${title} (JSON)` });
    const note = h('p', { class: 'note', role: 'status' });
    const load = async () => {
      area.value = JSON.stringify((await api(path))[key], null, 2);
    };
    const save = async (e) => {
      e.preventDefault();
      try {
        const r = await api(path, { method: 'PUT', body: JSON.parse(area.value) });
        area.value = JSON.stringify(r[key], null, 2);
        note.textContent = 'Saved';
        note.classList.remove('error');
      } catch (err) {
        note.textContent = err.message;
        note.classList.add('error');
      }
    };
    void load();
    return [h('h2', {}, title), h('p', { class: 'muted' }, help), h('form', { onsubmit: save }, area, h('button', { type: 'submit' }, `Save ${title.toLowerCase()}`)), note];
  };

  async function loadSchedules() {
    const { schedules: all } = await api('/schedules');
    const active = all.filter((s) => s.state === 'active');
    fill(schedules, h('h2', {}, 'Schedules'),
      active.length === 0 ? h('p', { class: 'muted' }, 'No schedule running (start one with hookyard trigger --every 10s, or a scenario).') :
      h('ul', {}, active.map((s) => h('li', {}, h('strong', {}, s.label), ` every ${s.spec.every ?? s.spec.cron} · ${s.runs} runs · ${s.missed} missed · next ${s.nextRunAt ?? '–'} `,
        h('button', { type: 'button', 'aria-label': `Stop ${s.label}`, onclick: async () => { await api(`/schedules/${s.id}`, { method: 'DELETE' }); await loadSchedules(); } }, 'Stop')))));
  }

  const confirm = h('button', { type: 'button', class: 'danger', hidden: true, onclick: async () => {
    await api('/reset', { method: 'POST' });
    fill(reset, h('h2', {}, 'Reset'), h('p', { role: 'status' }, 'Everything was reset: the fake APIs\' data and both journals.'));
  } }, 'Yes, erase all state and the journals');
  fill(reset, h('h2', {}, 'Reset'), h('p', { class: 'muted' }, 'Erases every service, webhook, sink, document… and both journals.'),
    h('button', { type: 'button', onclick: () => confirm.removeAttribute('hidden') }, 'Reset…'), ' ', confirm);

  fill(chaos, jsonEditor('Chaos', '/chaos', 'chaos', 'null turns it off; e.g. {"duplicate": 0.1, "latencyMs": {"min": 100, "max": 800}, "dropFirst": 0.2}'));
  fill(publicUrls, jsonEditor('Public URLs', '/public-urls', 'publicUrls', 'Local origin → the public origin your app validates signatures against, e.g. {"http://127.0.0.1:3000": "https://abc.ngrok.app"}'));
  void loadSchedules().catch((err) => fill(schedules, h('p', { class: 'error' }, err.message)));
}
