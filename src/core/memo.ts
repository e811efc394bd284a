/**
 * `compute` remembered by key, for answers asked on every request about a handful of keys (a Host header, an
 * origin): bounded all the same, forgetting everything past `limit` keys so a hostile client cannot grow it.
 */
export function memoize<V>(compute: (key: string) => V, limit = 1000): (key: string) => V {
  const answers = new Map<string, V>();
  return (key) => {
    let v = answers.get(key);
    if (v === undefined && !answers.has(key)) {
      if (answers.size >= limit) answers.clear();
      answers.set(key, (v = compute(key)));
    }
    return v as V;
  };
}
