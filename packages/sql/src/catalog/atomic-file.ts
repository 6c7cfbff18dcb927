import { open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/*
 * Crash-safe file replacement: write a temp file in the same directory, fsync it, rename it over the target
 * (atomic on POSIX), then fsync the directory so the rename itself survives a power loss. A crash leaves either
 * the old or the new file, plus at most a temp file that `removeTempFiles` cleans up.
 */

const TEMP_MARKER = '.tmp-';
let tempCounter = 0;

/** Temp files start with '.' so directory listings of real entries skip them. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.includes(TEMP_MARKER);
}

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}${TEMP_MARKER}${process.pid}-${++tempCounter}`);
  const handle = await open(temp, 'wx');
  try {
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
  await syncDirectory(dir);
}

/** Removes a file and makes the removal durable; false when it did not exist. */
export async function unlinkDurably(path: string): Promise<boolean> {
  try {
    await unlink(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  await syncDirectory(dirname(path));
  return true;
}

export async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw e;
  } finally {
    await handle?.close();
  }
}

/** Deletes temp files left by writers that crashed; call only while holding the directory's lock. */
export async function removeTempFiles(dir: string): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return removed;
    throw e;
  }
  for (const name of names) {
    if (!isTempFileName(name)) continue;
    const path = join(dir, name);
    if ((await stat(path).catch(() => undefined))?.isFile()) {
      await unlink(path).catch(() => {});
      removed.push(name);
    }
  }
  return removed;
}
