// hookyard's inspector: a router over four views. No framework and no build step: plain modules served by
// hookyard itself (see the README for why).
import { deliveriesView } from './deliveries.js';
import { here, go, setLive } from './nav.js';
import { settingsView } from './settings.js';
import { stateView } from './state.js';
import { triggerView } from './trigger.js';

const VIEWS = { deliveries: deliveriesView, state: stateView, trigger: triggerView, settings: settingsView };
let current;

function route() {
  const params = here();
  const name = VIEWS[params.get('view')] ? params.get('view') : 'deliveries';
  current?.stop?.();
  setLive('');
  for (const a of document.querySelectorAll('nav a')) a.toggleAttribute('aria-current', a.dataset.view === name);
  document.title = `${name[0].toUpperCase()}${name.slice(1)} · hookyard inspector`;
  const main = document.getElementById('main');
  main.replaceChildren();
  main.className = `view-${name}`;
  current = VIEWS[name](main, params);
}

document.addEventListener('click', (e) => {
  const a = e.target.closest?.('nav a[data-view]');
  if (!a || e.metaKey || e.ctrlKey || e.shiftKey) return;
  e.preventDefault();
  go({ view: a.dataset.view });
});
addEventListener('popstate', route);
addEventListener('hookyard:navigate', route);
route();
