// Every call the page makes: same-origin, JSON, and with hookyard's own header on writes (the server refuses
// a page's write without it, so no other site can forge one).

const BASE = '/_hookyard';

export class ApiError extends Error {}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { accept: 'application/json' };
  if (method !== 'GET') headers['x-hookyard-client'] = 'inspector';
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(BASE + path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  const json = text === '' ? null : JSON.parse(text);
  if (!res.ok) throw new ApiError(json?.error?.message ?? `${method} ${path}: HTTP ${res.status}`);
  return json;
}

/** The query string of the filters that are set. */
export const query = (filters) => new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
