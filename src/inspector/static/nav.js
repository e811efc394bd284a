// Where the page is lives in its URL (view, filters, the open delivery), so a view can be shared.

/** The current URL's parameters. */
export const here = () => new URLSearchParams(location.search);

/** Opens a view: a new history entry, then the router renders it. */
export function go(params) {
  history.pushState(null, '', '?' + new URLSearchParams(params));
  dispatchEvent(new Event('hookyard:navigate'));
}

/** Changes the URL in place (filters typed, a row opened) without re-rendering the view. */
export function remember(params) {
  history.replaceState(null, '', '?' + new URLSearchParams(Object.entries(params).filter(([, v]) => v)));
}

/** The status line at the top right: the live stream's state. */
export const setLive = (text, ok) => {
  const el = document.getElementById('live');
  el.textContent = text;
  el.className = 'live' + (ok === undefined ? '' : ok ? ' on' : ' off');
};
