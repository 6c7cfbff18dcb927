import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** As in Flink's file enumeration: names starting with '.' or '_' are hidden (in-progress files, markers). */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

/**
 * Files under `path`: the path itself when it is a file, otherwise every visible regular file below it
 * (recursively), sorted so enumeration is deterministic.
 */
export async function listFiles(path: string): Promise<string[]> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(path);
  } catch (e) {
    throw new Error(`FileSource: cannot read '${path}': ${(e as Error).message}`, { cause: e });
  }
  if (st.isFile()) return [path];
  if (!st.isDirectory()) throw new Error(`FileSource: '${path}' is neither a file nor a directory`);
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      if (isHiddenName(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  await walk(path);
  return out.sort();
}

/** FNV-1a over the UTF-16 code units: a stable hash (same in every process and version) to assign files. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
