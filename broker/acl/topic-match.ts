/**
 * @module broker/acl/topic-match
 * MQTT topic and filter matching (MQTT 3.1.1 §4.7): `+` matches one level, `#` the rest. Shared
 * subscriptions (`$share/<group>/<filter>`, MQTT 5 §4.8.2) are judged by their inner filter.
 */

/** Does `pattern` (a filter) match the concrete `topic`? */
export function topicMatches(pattern: string, topic: string): boolean {
  const p = pattern.split('/');
  const t = topic.split('/');
  for (let i = 0; i < p.length; i++) {
    const level = p[i];
    if (level === '#') return i === p.length - 1;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return p.length === t.length;
}

/** Strip `$share/<group>/` from a shared subscription filter; other filters are returned as they are. */
export function innerFilter(filter: string): string {
  if (!filter.startsWith('$share/')) return filter;
  const rest = filter.slice('$share/'.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? '' : rest.slice(slash + 1);
}

/**
 * Is every topic that `filter` can match also matched by `pattern`? So a client allowed `its/v1/r1/#`
 * may subscribe to `its/v1/r1/det/+` but not to `its/#` or `its/v1/+/det/#`.
 */
export function filterWithin(filter: string, pattern: string): boolean {
  const f = innerFilter(filter).split('/');
  const p = pattern.split('/');
  for (let i = 0; i < f.length; i++) {
    const pl = p[i];
    const fl = f[i];
    if (pl === undefined) return false;
    if (pl === '#') return true;
    if (fl === '#') return false;
    if (pl === '+') continue;
    if (fl === '+' || fl !== pl) return false;
  }
  return f.length === p.length;
}

/** Is `filter` syntactically valid (MQTT 3.1.1 §4.7.1)? */
export function isValidFilter(filter: string): boolean {
  if (filter.length === 0 || filter.length > 65535) return false;
  const levels = innerFilter(filter).split('/');
  return levels.every((l, i) =>
    l.includes('#') ? l === '#' && i === levels.length - 1 : !l.includes('+') || l === '+',
  );
}
