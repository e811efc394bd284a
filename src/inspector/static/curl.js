// Copy as curl: the signed request exactly as hookyard sent it, for a shell.

/** POSIX shell single quotes: 'it'\''s'. */
export const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

const SKIP = new Set(['host', 'content-length', 'connection']);

export function toCurl(request) {
  const parts = ['curl', '-X', request.method, shellQuote(request.url)];
  for (const [k, v] of Object.entries(request.headers)) if (!SKIP.has(k.toLowerCase())) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (request.body !== '') parts.push('--data-binary', shellQuote(request.body));
  return parts.join(' ');
}
