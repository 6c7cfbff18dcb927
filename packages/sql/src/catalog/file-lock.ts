import { randomUUID } from 'node:crypto';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { CatalogException } from './errors.js';

/*
 * An exclusive lock file created with O_EXCL ('wx'), holding the owner's pid, host and a random token.
 * A lock whose owner process is gone (same host, pid not alive) is stale and is broken. Breaking happens under a
 * second O_EXCL file (<lock>.break), so two processes that both find the same stale lock cannot both break it and
 * then delete each other's fresh lock.
 */

export interface LockOwner {
  pid: number;
  hostname: string;
  token: string;
  acquiredAt: string;
}

export interface FileLockOptions {
  /** How long acquire() waits for a live owner to release; default 10 s. */
  timeoutMs?: number;
  /** What is locked, for messages (e.g. "Catalog 'default_catalog'"). */
  description?: string;
}

/** A lock file younger than this with unreadable content may be being written right now. */
const UNREADABLE_GRACE_MS = 2_000;
/** A break marker older than this belongs to a breaker that crashed. */
const BREAK_MARKER_STALE_MS = 10_000;

export class FileLock {
  private held: LockOwner | undefined;

  constructor(
    readonly path: string,
    private readonly options: FileLockOptions = {},
  ) {}

  get isHeld(): boolean {
    return this.held !== undefined;
  }

  async acquire(): Promise<void> {
    if (this.held) throw new CatalogException(`Lock ${this.path} is already held by this FileLock.`);
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const deadline = Date.now() + timeoutMs;
    let delay = 2;
    for (;;) {
      const owner: LockOwner = {
        pid: process.pid,
        hostname: hostname(),
        token: randomUUID(),
        acquiredAt: new Date().toISOString(),
      };
      if (await tryCreate(this.path, JSON.stringify(owner))) {
        this.held = owner;
        return;
      }
      const current = await readOwner(this.path);
      if (current === 'missing') continue;
      if (await isStale(this.path, current)) {
        await breakStaleLock(this.path, current);
        continue;
      }
      if (Date.now() >= deadline) {
        const who =
          current === 'unreadable'
            ? 'another process (the lock file is being written)'
            : `process ${current.pid} on host ${current.hostname} since ${current.acquiredAt}`;
        throw new CatalogException(
          `${this.options.description ?? 'Directory'} is locked by ${who}; waited ${timeoutMs} ms. ` +
            `If no such process is running, delete ${this.path}.`,
        );
      }
      await sleep(Math.min(delay, Math.max(1, deadline - Date.now())));
      delay = Math.min(delay * 2, 50);
    }
  }

  /** Releases the lock if this FileLock still owns it (it may have been broken by someone who thought us dead). */
  async release(): Promise<void> {
    const held = this.held;
    this.held = undefined;
    if (!held) return;
    const current = await readOwner(this.path);
    if (typeof current === 'object' && current.token === held.token) await unlink(this.path).catch(() => {});
  }

  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      await this.release();
    }
  }
}

/** True when process `pid` exists on this host (EPERM means it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryCreate(path: string, content: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function readOwner(path: string): Promise<LockOwner | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
  try {
    const o = JSON.parse(text);
    if (typeof o?.pid === 'number' && typeof o.hostname === 'string' && typeof o.token === 'string') return o;
  } catch {
    // fall through
  }
  return 'unreadable';
}

async function isStale(path: string, owner: LockOwner | 'unreadable'): Promise<boolean> {
  if (owner === 'unreadable') {
    // The creator crashed between creating and writing it, or is writing it now: wait out the grace period.
    const s = await stat(path).catch(() => undefined);
    return s !== undefined && Date.now() - s.mtimeMs > UNREADABLE_GRACE_MS;
  }
  // A pid on another host cannot be checked; only a human can decide that lock is stale.
  return owner.hostname === hostname() && !isProcessAlive(owner.pid);
}

async function breakStaleLock(path: string, seen: LockOwner | 'unreadable'): Promise<void> {
  const marker = `${path}.break`;
  if (!(await tryCreate(marker, String(process.pid)))) {
    const s = await stat(marker).catch(() => undefined);
    if (s && Date.now() - s.mtimeMs > BREAK_MARKER_STALE_MS) await unlink(marker).catch(() => {});
    await sleep(5);
    return;
  }
  try {
    // Nobody can replace the lock file while we hold the marker (creating needs it absent, breaking needs the
    // marker), so if it still has the stale content it is still the stale lock.
    const again = await readOwner(path);
    const same =
      seen === 'unreadable' ? again === 'unreadable' : typeof again === 'object' && again.token === seen.token;
    if (same) await unlink(path).catch(() => {});
  } finally {
    await unlink(marker).catch(() => {});
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
