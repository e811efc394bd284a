// The page builds its DOM with h(): text always goes in as text nodes, never as HTML.

/**
 * h('button', { class: 'x', onclick: fn, 'aria-label': 'Stop' }, 'Stop') → <button>.
 * Attributes starting with "on" are listeners; `false`/null/undefined attributes are left out.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** `2026-12-02T10:00:00.123Z` → `10:00:00.123` (local time). */
export const clock = (iso) => {
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
};

/** A definition list from [label, value] pairs (values may be nodes). */
export const facts = (pairs) => h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));

/** A monospace block. */
export const code = (text, label) => h('pre', { class: 'code', tabindex: 0, ...(label ? { 'aria-label': label } : {}) }, text);

export const badge = (outcome) => h('span', { class: `badge ${outcome}` }, outcome.replace('_', ' '));
