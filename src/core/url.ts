/** True for an absolute http: or https: URL — what every provider accepts as a webhook target. */
export function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `http://127.0.0.1:3000` or `http://127.0.0.1:3000/hooks/` names every URL under it (an origin or path prefix). */
export function urlUnder(url: string, prefix: string): boolean {
  if (!/^https?:\/\//.test(prefix) || !url.startsWith(prefix)) return false;
  const next = url.charAt(prefix.length);
  return prefix.endsWith('/') || next === '' || next === '/' || next === '?' || next === '#';
}
