import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogDatabase, FileLock, isProcessAlive, PersistentCatalog } from '@tributary/sql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deadPid, startChild } from './child-process.js';

let dir: string;
let lockPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trib-lock-'));
  lockPath = join(dir, 'LOCK');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ownerOf = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('FileLock', () => {
  it('writes its owner into the lock file and removes it on release', async () => {
    const lock = new FileLock(lockPath);
    await lock.acquire();
    const owner = ownerOf(lockPath);
    expect(owner.pid).toBe(process.pid);
    expect(owner.hostname).toBe(hostname());
    expect(typeof owner.token).toBe('string');
    await lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('a live holder in another process makes acquire wait, then time out naming the holder', async () => {
    const child = startChild('hold-lock', lockPath, '1500');
    await child.waitForLine((l) => l === 'locked');
    const childPid = child.process.pid!;
    const lock = new FileLock(lockPath, { timeoutMs: 200, description: 'Test directory' });
    const started = Date.now();
    await expect(lock.acquire()).rejects.toThrow(
      new RegExp(
        `^Test directory is locked by process ${childPid} on host .* since .*; waited 200 ms\\. If no such process is running, delete ${lockPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`,
      ),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);

    // With a longer timeout it gets the lock once the child lets go.
    const patient = new FileLock(lockPath, { timeoutMs: 10_000 });
    await patient.acquire();
    expect(ownerOf(lockPath).pid).toBe(process.pid);
    await patient.release();
    expect((await child.exited).code).toBe(0);
    expect(child.lines).toEqual(['locked', 'released']);
  });

  it('breaks the lock of a process that no longer exists', async () => {
    const pid = deadPid();
    expect(isProcessAlive(pid)).toBe(false);
    writeFileSync(
      lockPath,
      JSON.stringify({ pid, hostname: hostname(), token: 'dead', acquiredAt: '2020-01-01T00:00:00Z' }),
    );
    const lock = new FileLock(lockPath, { timeoutMs: 1000 });
    await lock.acquire();
    expect(ownerOf(lockPath).pid).toBe(process.pid);
    expect(existsSync(`${lockPath}.break`)).toBe(false);
    await lock.release();
  });

  it('does not break a lock held on another host (its pid cannot be checked)', async () => {
    writeFileSync(
      lockPath,
      JSON.stringify({ pid: deadPid(), hostname: 'elsewhere.invalid', token: 't', acquiredAt: 'x' }),
    );
    await expect(new FileLock(lockPath, { timeoutMs: 100 }).acquire()).rejects.toThrow('on host elsewhere.invalid');
    expect(ownerOf(lockPath).hostname).toBe('elsewhere.invalid');
  });

  it('an unreadable lock file is left alone while fresh (it may be being written) and broken when old', async () => {
    writeFileSync(lockPath, '');
    await expect(new FileLock(lockPath, { timeoutMs: 150 }).acquire()).rejects.toThrow(
      'is locked by another process (the lock file is being written)',
    );
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lockPath, old, old);
    const lock = new FileLock(lockPath, { timeoutMs: 1000 });
    await lock.acquire();
    expect(ownerOf(lockPath).pid).toBe(process.pid);
    await lock.release();
  });

  it('release leaves a lock file that is no longer its own', async () => {
    const lock = new FileLock(lockPath);
    await lock.acquire();
    const other = { pid: process.pid, hostname: hostname(), token: 'someone-else', acquiredAt: 'x' };
    writeFileSync(lockPath, JSON.stringify(other));
    await lock.release();
    expect(ownerOf(lockPath)).toEqual(other);
  });

  it('two locks in one process exclude each other', async () => {
    const a = new FileLock(lockPath);
    const b = new FileLock(lockPath, { timeoutMs: 5000 });
    await a.acquire();
    let bGot = false;
    const pending = b.acquire().then(() => {
      bGot = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(bGot).toBe(false);
    await a.release();
    await pending;
    expect(bGot).toBe(true);
    await b.release();
  });
});

describe('PersistentCatalog locking', () => {
  it('an update waits for another process holding the catalog lock and fails after lock-timeout', async () => {
    const path = join(dir, 'cat');
    const catalog = new PersistentCatalog('cat', { path, lockTimeoutMs: 200 });
    await catalog.open();
    const child = startChild('hold-lock', join(path, 'LOCK'), '1000');
    await child.waitForLine((l) => l === 'locked');
    await expect(catalog.createDatabase('db1', catalogDatabase())).rejects.toThrow(
      `Catalog 'cat' at ${path} is locked by process ${child.process.pid}`,
    );
    // Reads do not need the lock.
    expect(await catalog.listDatabases()).toEqual(['default_database']);
    await child.exited;
    await catalog.createDatabase('db1', catalogDatabase());
    expect(await catalog.listDatabases()).toEqual(['db1', 'default_database']);
    await catalog.close();
  });
});
