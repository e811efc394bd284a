// The fake state, read-only: every table of every provider, its rows (secrets masked), and from each row
// the deliveries it caused (the list searched for its SID).
import { api } from './api.js';
import { code, fill, h } from './dom.js';
import { go, remember } from './nav.js';

const PAGE = 50;
const titleOf = (row) => row.friendlyName ?? row.uniqueName ?? row.key ?? row.identity ?? row.sinkConfiguration?.destination ?? row.target ?? row.to ?? '';

export function stateView(main, params) {
  const side = h('nav', { class: 'tables', 'aria-label': 'Tables' }, h('p', { class: 'muted' }, 'Loading…'));
  const body = h('section', { class: 'rows', 'aria-label': 'Rows' }, h('p', { class: 'muted' }, 'Pick a table.'));
  main.append(h('div', { class: 'split state' }, side, body));

  async function showTable(name, offset = 0) {
    remember({ view: 'state', table: name, offset: offset || '' });
    for (const b of side.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.table === name));
    const page = await api(`/inspect/tables/${encodeURIComponent(name)}?offset=${offset}&limit=${PAGE}`).catch((err) => ({ error: err.message }));
    if (page.error) return fill(body, h('p', { class: 'error', role: 'alert' }, page.error));
    const pager = h('p', { class: 'pager' },
      h('button', { type: 'button', disabled: offset === 0, onclick: () => showTable(name, Math.max(0, offset - PAGE)) }, '← Previous'),
      ` ${offset + 1}–${offset + page.rows.length} of ${page.total} `,
      h('button', { type: 'button', disabled: offset + PAGE >= page.total, onclick: () => showTable(name, offset + PAGE) }, 'Next →'));
    fill(body,
      h('h2', {}, name, h('small', { class: 'muted' }, ` ${page.provider ?? ''}`)),
      pager,
      page.rows.map((row) =>
        h('article', { class: 'card', 'data-sid': row.sid },
          h('header', {},
            h('strong', { class: 'mono' }, row.sid), ' ', h('span', {}, titleOf(row)),
            h('a', { class: 'deliveries-link', href: `?view=deliveries&q=${row.sid}`, onclick: (e) => (e.preventDefault(), go({ view: 'deliveries', q: row.sid })) }, 'deliveries →')),
          h('details', {}, h('summary', {}, `${row.scope}`), code(JSON.stringify(row, null, 2), `Row ${row.sid}`)),
        ),
      ),
    );
  }

  api('/inspect/tables').then(({ tables }) => {
    if (tables.length === 0) return fill(side, h('p', { class: 'muted' }, 'Nothing stored yet: create a service, sink or webhook with your SDK, or use Trigger.'));
    const groups = Map.groupBy ? Map.groupBy(tables, (t) => t.provider ?? 'other') : tables.reduce((m, t) => m.set(t.provider ?? 'other', [...(m.get(t.provider ?? 'other') ?? []), t]), new Map());
    fill(side, [...groups].map(([provider, ts]) =>
      h('div', {}, h('h3', {}, provider), ts.map((t) => h('button', { type: 'button', 'data-table': t.name, onclick: () => showTable(t.name) }, t.name, ' ', h('span', { class: 'count' }, Object.values(t.scopes).reduce((a, b) => a + b, 0)))))));
    const wanted = params.get('table');
    if (wanted) void showTable(wanted, Number(params.get('offset') ?? 0));
  }, (err) => fill(side, h('p', { class: 'error', role: 'alert' }, err.message)));
}
