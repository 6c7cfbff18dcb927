/** A SHOW ... [NOT] LIKE | ILIKE 'pattern' filter (Flink 1.18+). */
export interface LikeFilter {
  pattern: string;
  /** NOT LIKE. */
  not?: boolean;
  /** ILIKE. */
  caseInsensitive?: boolean;
}

/** SQL LIKE: '%' any sequence, '_' one character, '\' escapes the next character. */
export function likeMatcher(filter: LikeFilter | undefined): (name: string) => boolean {
  if (!filter) return () => true;
  let source = '';
  const p = filter.pattern;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && i + 1 < p.length) source += escapeRegExp(p[++i]!);
    else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += escapeRegExp(c);
  }
  const re = new RegExp(`^${source}$`, filter.caseInsensitive ? 'iu' : 'u');
  return filter.not ? (name) => !re.test(name) : (name) => re.test(name);
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Sorted as Flink prints SHOW results (String.compareTo: UTF-16 code units), filtered by LIKE. */
export function sortedNames(names: Iterable<string>, like?: LikeFilter): string[] {
  const match = likeMatcher(like);
  return [...new Set(names)].filter(match).sort();
}
