import { castFunction, formatValue, type LogicalType, Types } from '@tributary/core';

/** Characters Flink's PartitionPathUtils.escapePathName turns into %XX in partition directory names. */
const ESCAPED = new Set(
  '"#%\'*/:=?\\\u007f{[]^'.split('').concat(Array.from({ length: 32 }, (_, i) => String.fromCharCode(i + 1))),
);

export function escapePathName(s: string): string {
  let out = '';
  for (const c of s) {
    out += ESCAPED.has(c) ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : c;
  }
  return out;
}

export function unescapePathName(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** `k1=v1/k2=v2` of a row: values in their CAST-to-string form, `defaultName` for NULL or ''. */
export function partitionPathOf(
  row: readonly unknown[],
  keys: readonly { name: string; index: number; type: LogicalType }[],
  defaultName: string,
): string {
  let path = '';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = row[k.index];
    const text = v === null || v === undefined ? '' : formatValue(v, k.type);
    path += `${i > 0 ? '/' : ''}${escapePathName(k.name)}=${text === '' ? defaultName : escapePathName(text)}`;
  }
  return path;
}

/**
 * Values of the partition columns from a file's path relative to the table root (`k1=v1/k2=v2/file`): each value
 * cast from its text to the column type; `defaultName` (and a missing key) gives NULL.
 */
export function partitionValuesOf(
  relativePath: string,
  keys: readonly { name: string; type: LogicalType }[],
  defaultName: string,
): unknown[] {
  const found = new Map<string, string>();
  const segments = relativePath.split(/[\\/]/);
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i]!;
    const eq = seg.indexOf('=');
    if (eq > 0) found.set(unescapePathName(seg.slice(0, eq)), unescapePathName(seg.slice(eq + 1)));
  }
  return keys.map((k) => {
    const text = found.get(k.name);
    if (text === undefined || text === defaultName) return null;
    try {
      return castFunction(Types.string(), k.type)(text);
    } catch (e) {
      throw new Error(
        `Cannot convert partition value '${text}' of partition column '${k.name}' to ${k.type.toString()} in path '${relativePath}': ${(e as Error).message}`,
      );
    }
  });
}
